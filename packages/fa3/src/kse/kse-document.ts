/**
 * The legacy `.KSE` flat file as read, before it becomes FA(3). Decimal values stay decimal strings
 * exactly as written in the file (dot separator, optional minus); dates are ISO `YYYY-MM-DD`.
 */
export interface KseHeader {
  sellerName: string;
  sellerCity: string;
  sellerPostcode: string;
  sellerStreet: string;
  /** Line 4: seat or commune of the seller. */
  sellerSeat: string;
  sellerNip: string;
  isCorrection: boolean;
  placeOfIssue: string;
  issueDate: string;
  invoiceNumber: string;
  correctedInvoiceNumber: string;
  buyerName1: string;
  buyerName2: string;
  buyerCity: string;
  buyerPostcode: string;
  buyerStreet: string;
  /** Line 16: buyer NIP or another identifier; empty when the buyer has none. */
  buyerId: string;
  paymentForm: string;
  paymentDueDate: string | null;
  saleDate: string | null;
  amountPaid: string;
  grossTotal: string;
  leftToPay: string;
  /** Lines 23-25: correction reason or remarks. */
  remarks: [string, string, string];
}

export const KSE_VAT_RATES = ['23', '8', '5', '0', 'zw'] as const;
export type KseVatRate = (typeof KSE_VAT_RATES)[number];

export interface KseItem {
  barcode: string;
  gtu: string;
  lineNumber: string;
  name: string;
  /** PKWiU or CN code (line 4 of the block, repeated at line 39). */
  classification: string;
  unit: string;
  quantity: string;
  netValue: string;
  vatRate: KseVatRate;
  vatAmount: string;
  grossValue: string;
  unitNetPrice: string | null;
  /** 1-based line of the file where this item's block starts, for messages. */
  firstLine: number;
}

export interface KseDocument {
  header: KseHeader;
  items: KseItem[];
}

export const KSE_HEADER_LINES = 26;
export const KSE_BLOCK_LINES = 50;

/** Offsets inside a 50-line item block that carry data; the others are present but empty. */
export const KSE_ITEM_OFFSETS = {
  barcode: 0,
  gtu: 1,
  lineNumber: 2,
  name: 3,
  classification: 4,
  unit: 5,
  quantity: 6,
  netValue: 9,
  vatRate: 10,
  vatAmount: 11,
  grossValue: 12,
  unitNetPrice: 22,
  classificationRepeated: 39,
} as const;

export interface KseIssue {
  /** 1-based line number as an editor shows it (the format spec counts from 0: spec line = line - 1). */
  line: number;
  code: KseIssueCode;
  message: string;
}

export type KseIssueCode =
  | 'KSE_TOO_SHORT'
  | 'KSE_BLOCK_LENGTH'
  | 'KSE_NO_ITEMS'
  | 'KSE_BAD_DATE'
  | 'KSE_BAD_NUMBER'
  | 'KSE_BAD_BOOLEAN'
  | 'KSE_BAD_VAT_RATE'
  | 'KSE_REQUIRED'
  | 'KSE_PKWIU_MISMATCH'
  | 'KSE_LINE_ENDINGS'
  | 'KSE_AMOUNT_MISMATCH'
  | 'KSE_UNENCODABLE';
