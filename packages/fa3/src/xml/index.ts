export * from './invoice-builder';
export * from './invoice-parser';
export * from './fa3-parse.error';
export { DEFAULT_MAX_INVOICE_BYTES } from './xml-guard';
