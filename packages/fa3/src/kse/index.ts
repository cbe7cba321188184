export {
  type KseDocument,
  type KseHeader,
  type KseItem,
  type KseIssue,
  type KseIssueCode,
  type KseVatRate,
  KSE_VAT_RATES,
  KSE_HEADER_LINES,
  KSE_BLOCK_LINES,
  KSE_ITEM_OFFSETS,
} from './kse-document';
export {
  type KseEncoding,
  type KseEncodingOption,
  type DecodedKse,
  KSE_ENCODINGS,
  decodeKseBytes,
  encodeKseText,
} from './kse-encoding';
export { decodeMazovia, encodeMazovia, UnencodableCharacterError } from './mazovia-codec';
export { type KseParseResult, parseKseText } from './kse-parser';
export { writeKseText, writeKseBytes } from './kse-writer';
export { type KseConversionOptions, type KseConversion, kseToInvoice } from './kse-to-fa3';
export { type KseImportOptions, type KseImportResult, importKse } from './kse-import';
export {
  type KsrReport,
  type KsrStatus,
  type KsrInvoicingMode,
  KSR_FIELDS,
  writeKsrText,
  writeKsrBytes,
  parseKsrText,
} from './ksr-report';
