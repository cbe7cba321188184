import fc from 'fast-check';
import { type KseDocument } from '../../src/kse';
export declare const polishWords: (max: number) => fc.Arbitrary<string>;
/** Valid NIP: nine digits, then the weighted checksum (retry when it is 10). */
export declare const nip: fc.Arbitrary<string>;
export declare const kseDocumentArbitrary: fc.Arbitrary<KseDocument>;
//# sourceMappingURL=kse-arbitraries.d.ts.map
