import type { SimulatorStore } from '../core/store';
import type { ContextIdentifier } from './identifiers';

export type InvoicingMode = 'Online' | 'Offline';
export type BuyerIdentifierType = 'Nip' | 'VatUe' | 'Other' | 'None';
export type ThirdSubjectIdentifierType = 'Nip' | 'InternalId' | 'VatUe' | 'Other' | 'None';

export interface FormCodeValue {
  systemCode: string;
  schemaVersion: string;
  value: string;
}

/** What KSeF reads out of the invoice XML for metadata queries and Subject1/2/3/Authorized views. */
export interface InvoiceFacts {
  invoiceNumber: string;
  /** P_1, YYYY-MM-DD. */
  issueDate: string;
  seller: { nip: string; name: string | null };
  buyer: { identifier: { type: BuyerIdentifierType; value: string | null }; name: string | null };
  thirdSubjects: { identifier: { type: ThirdSubjectIdentifierType; value: string | null }; name: string | null; role: number }[];
  authorizedSubject: { nip: string; name: string | null; role: number } | null;
  netAmount: number;
  grossAmount: number;
  vatAmount: number;
  currency: string;
  /** Metadata enum (Vat, Kor, Zal, ...). */
  invoiceType: string;
  isSelfInvoicing: boolean;
  hasAttachment: boolean;
}

/**
 * An invoice that got a KSeF number: written by invoice processing (online/batch sessions) and by
 * `POST /sim/invoices`; read by retrieval (`/invoices/ksef/{n}`, metadata queries, exports).
 */
export interface StoredInvoiceRecord {
  ksefNumber: string;
  /** The exact bytes that were sent (downloads return them unchanged). */
  xml: Buffer;
  /** Base64 SHA-256 of `xml`. */
  invoiceHash: string;
  formCode: FormCodeValue;
  invoicingMode: InvoicingMode;
  /** Epoch ms: accepted for processing, KSeF number assigned, durably stored (downloadable from then). */
  invoicingDate: number;
  acquisitionDate: number;
  permanentStorageDate: number;
  hashOfCorrectedInvoice: string | null;
  sessionReferenceNumber: string | null;
  /** The context the invoice was sent in (null for `/sim/invoices`). */
  senderContext: ContextIdentifier | null;
  facts: InvoiceFacts;
}

export const storedInvoicesTable = (store: SimulatorStore) => store.table<StoredInvoiceRecord>('storedInvoices');
