import fc from 'fast-check';
import { type Invoice } from '../../src/model/invoice.model';
import type { SchemaNode } from '../../src/model/schema-node';
/** Random values for any model node: every optional field may be absent, repeated fields hold 1-2 items. */
export declare function arbitraryFor(node: SchemaNode): fc.Arbitrary<unknown>;
export declare const invoiceArbitrary: fc.Arbitrary<Invoice>;
//# sourceMappingURL=invoice-arbitrary.d.ts.map