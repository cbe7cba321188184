import { type Invoice } from '../model/invoice.model';
import { type KseDocument, type KseIssue } from './kse-document';
import { decodeKseBytes, type KseEncoding, type KseEncodingOption } from './kse-encoding';
import { parseKseText } from './kse-parser';
import { type KseConversionOptions, kseToInvoice } from './kse-to-fa3';

export interface KseImportOptions extends KseConversionOptions {
  /** Code page of the file; `auto` (default) picks the one that yields valid Polish letters. */
  encoding?: KseEncodingOption;
}

export type KseImportResult =
  | { ok: true; invoice: Invoice; document: KseDocument; encoding: KseEncoding; warnings: KseIssue[] }
  | { ok: false; encoding: KseEncoding; issues: KseIssue[] };

/** Reads a legacy `.KSE` file (bytes as on disk) into an FA(3) invoice; errors name the offending line. */
export function importKse(bytes: Uint8Array, options: KseImportOptions = {}): KseImportResult {
  const { text, encoding } = decodeKseBytes(bytes, options.encoding ?? 'auto');
  const parsed = parseKseText(text);
  if (!parsed.ok) return { ok: false, encoding, issues: parsed.issues };
  const { invoice, warnings } = kseToInvoice(parsed.document, options);
  return { ok: true, invoice, document: parsed.document, encoding, warnings };
}
