import type { SimulatorStore } from '../core/store';
import type { FormCode } from './session';

export interface PartyIdentifier {
  type: 'Nip' | 'VatUe' | 'Other' | 'None' | 'InternalId';
  value: string | null;
}

/** Everything the metadata query and invoice download need, extracted once from the FA(3) XML. */
export interface InvoiceFacts {
  sellerNip: string;
  sellerName: string | null;
  buyer: PartyIdentifier;
  buyerName: string | null;
  issueDate: string;
  invoiceNumber: string;
  /** RodzajFaktury as written in FA(3) (VAT, KOR, ZAL, ...). */
  invoiceKind: string;
  currency: string;
  netAmount: number;
  vatAmount: number;
  grossAmount: number;
  isSelfInvoicing: boolean;
  hasAttachment: boolean;
  thirdSubjects: { identifier: PartyIdentifier; name: string | null; role: number }[];
  authorizedSubject: { nip: string; name: string | null; role: number } | null;
}

/** An invoice that received a KSeF number (from a session or `POST /sim/invoices`). */
export interface StoredInvoiceRecord extends InvoiceFacts {
  ksefNumber: string;
  xml: Buffer;
  invoiceHash: string;
  formCode: FormCode;
  sessionReferenceNumber: string;
  invoiceReferenceNumber: string;
  /** Context that issued it. */
  issuerContextKey: string;
  invoicingDate: number;
  acquisitionDate: number;
  permanentStorageDate: number;
  invoicingMode: 'Online' | 'Offline';
  hashOfCorrectedInvoice: string | null;
}

/** Keyed by KSeF number. */
export const storedInvoicesTable = (store: SimulatorStore) => store.table<StoredInvoiceRecord>('storedInvoices');
/** `${sellerNip}|${RodzajFaktury}|${P_2}` -> KSeF number (duplicate detection, §8.6). */
export const duplicateIndexTable = (store: SimulatorStore) => store.table<string>('duplicateIndex');
/** `${contextKey}|${plain invoice hash}` -> session invoice reference numbers (technical corrections). */
export const invoiceHashIndexTable = (store: SimulatorStore) => store.table<string[]>('invoiceHashIndex');
/** Hash of a corrected (rejected) invoice -> KSeF number of its accepted technical correction. */
export const correctionsTable = (store: SimulatorStore) => store.table<string>('technicalCorrections');

export function duplicateKey(facts: Pick<InvoiceFacts, 'sellerNip' | 'invoiceKind' | 'invoiceNumber'>): string {
  return `${facts.sellerNip}|${facts.invoiceKind}|${facts.invoiceNumber}`;
}
