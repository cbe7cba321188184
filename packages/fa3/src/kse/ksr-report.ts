import { encodeKseText, type KseEncoding } from './kse-encoding';

export type KsrStatus = 'OK' | 'DUP' | 'ERR';
export type KsrInvoicingMode = 'OnLine' | 'OffLine';

/** The `.KSR` status report returned to the legacy system for one `.KSE` file (one field per line). */
export interface KsrReport {
  /** 0: identifier of the source file/document in the legacy system. */
  sourceId: string;
  /** 1: invoice number (P_2). */
  invoiceNumber: string;
  /** 2 */
  status: KsrStatus;
  /** 3 */
  ksefNumber: string | null;
  /** 4: when KSeF accepted the invoice for processing. */
  invoicingDate: Date | string | null;
  /** 5: Base64 SHA-256 of the invoice XML bytes. */
  invoiceHash: string | null;
  /** 6 */
  qrCodeI: string | null;
  /** 7: KOD II link (offline invoices) or its caption text. */
  qrCodeII: string | null;
  /** 8 */
  errorMessage: string | null;
  /** 9: when KSeF assigned the KSeF number. */
  acquisitionDate: Date | string | null;
  /** 10 */
  invoicingMode: KsrInvoicingMode | null;
  /** 11: KSeF reference number of the invoice. */
  referenceNumber: string | null;
  /** 12 */
  createdAt: Date | string;
}

export const KSR_FIELDS = [
  'sourceId',
  'invoiceNumber',
  'status',
  'ksefNumber',
  'invoicingDate',
  'invoiceHash',
  'qrCodeI',
  'qrCodeII',
  'errorMessage',
  'acquisitionDate',
  'invoicingMode',
  'referenceNumber',
  'createdAt',
] as const satisfies readonly (keyof KsrReport)[];

/** 13 lines, each ended by CRLF; line breaks inside a value become spaces so the line count never changes. */
export function writeKsrText(report: KsrReport): string {
  return KSR_FIELDS.map((field) => `${ksrValue(report[field])}\r\n`).join('');
}

export function writeKsrBytes(report: KsrReport, encoding: KseEncoding): Uint8Array {
  return encodeKseText(writeKsrText(report), encoding);
}

/** Reads a KSR back (field name -> text); used by tests and by tools that inspect old reports. */
export function parseKsrText(text: string): Record<(typeof KSR_FIELDS)[number], string> {
  const lines = text.split('\r\n');
  if (lines.length !== KSR_FIELDS.length + 1 || lines[KSR_FIELDS.length] !== '') {
    throw new Error(`Raport KSR musi mieć ${KSR_FIELDS.length} wierszy zakończonych CRLF`);
  }
  return Object.fromEntries(KSR_FIELDS.map((field, index) => [field, lines[index]!])) as Record<
    (typeof KSR_FIELDS)[number],
    string
  >;
}

function ksrValue(value: string | Date | null): string {
  if (value === null) return '';
  const text = value instanceof Date ? value.toISOString() : value;
  return text.replace(/[\r\n]+/g, ' ').trim();
}
