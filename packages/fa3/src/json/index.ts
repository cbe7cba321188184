export * from './invoice-input.schema';
export * from './invoice-input.error';
export { invoiceFromJson, parseInvoiceInput, type InvoiceFromJsonOptions } from './invoice-from-json';
export { invoiceInputJsonSchema, INVOICE_INPUT_JSON_SCHEMA_FILE } from './json-schema';
export { roundGrosz, totalsPerRate } from './vat-totals';
