import { type KseDocument } from '../../src/kse';
/** A plain VAT invoice with four rates, Polish letters everywhere, written as CP852. */
export declare const VAT_INVOICE_CP852: KseDocument;
/** A correcting invoice (negative values) written as Mazovia. */
export declare const CORRECTION_MAZOVIA: KseDocument;
//# sourceMappingURL=kse-samples.d.ts.map
