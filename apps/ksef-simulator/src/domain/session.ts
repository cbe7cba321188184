import type { SimulatorStore } from '../core/store';
import type { StatusInfo } from './auth-operation';
import type { ContextIdentifier } from './identifiers';

export interface FormCode {
  systemCode: string;
  schemaVersion: string;
  value: string;
}

export interface BatchPartRecord {
  ordinalNumber: number;
  /** Declared size and hash of the encrypted part. */
  fileSize: number;
  fileHash: string;
  data: Buffer | null;
}

export interface BatchInfo {
  fileSize: number;
  fileHash: string;
  compressionType: 'Zip' | 'TarGz';
  parts: BatchPartRecord[];
  uploadDeadline: number;
}

/** A session UPO page; its XML is built on demand from the session's accepted invoices. */
export interface UpoPageRecord {
  referenceNumber: string;
}

/** An online or batch session and its lifecycle (SPEC-NOTES §8.4). */
export interface SessionRecord {
  referenceNumber: string;
  type: 'Online' | 'Batch';
  context: ContextIdentifier;
  contextKey: string;
  /** The authentication that opened it (sessions listed per creator, UPO proof). */
  authOperationReferenceNumber: string;
  ksefTokenReferenceNumber: string | null;
  authDocumentHash: string | null;
  formCode: FormCode;
  aesKey: Buffer | null;
  iv: Buffer;
  status: StatusInfo;
  dateCreated: number;
  dateUpdated: number;
  validUntil: number;
  closedAt: number | null;
  /** Session invoice reference numbers in ordinal order. */
  invoiceRefs: string[];
  upoPages: UpoPageRecord[] | null;
  offlineMode: boolean;
  batch: BatchInfo | null;
}

export interface InvoiceStatus extends StatusInfo {
  extensions?: Record<string, string | null>;
}

/** One invoice inside a session (`SessionInvoiceStatusResponse`). */
export interface SessionInvoiceRecord {
  referenceNumber: string;
  sessionReferenceNumber: string;
  ordinalNumber: number;
  /** Declared SHA-256 (Base64) and size of the plain XML. */
  invoiceHash: string;
  invoiceSize: number;
  invoiceFileName: string | null;
  invoicingDate: number;
  offlineMode: boolean;
  hashOfCorrectedInvoice: string | null;
  status: InvoiceStatus;
  invoiceNumber: string | null;
  ksefNumber: string | null;
  acquisitionDate: number | null;
  permanentStorageDate: number | null;
  invoicingMode: 'Online' | 'Offline' | null;
}

export const sessionsTable = (store: SimulatorStore) => store.table<SessionRecord>('sessions');
export const sessionInvoicesTable = (store: SimulatorStore) => store.table<SessionInvoiceRecord>('sessionInvoices');

export const SESSION_STATUS = {
  open: { code: 100, description: 'Sesja interaktywna otwarta' },
  batchOpen: { code: 100, description: 'Sesja wsadowa rozpoczęta' },
  closed: { code: 170, description: 'Sesja interaktywna zamknięta' },
  processing: { code: 150, description: 'Trwa przetwarzanie' },
  success: { code: 200, description: 'Sesja interaktywna przetworzona pomyślnie' },
  batchSuccess: { code: 200, description: 'Sesja wsadowa przetworzona pomyślnie' },
  partsVerification: { code: 405, description: 'Błąd weryfikacji poprawności dostarczonych elementów paczki' },
  keyError: { code: 415, description: 'Błąd odszyfrowania dostarczonego klucza' },
  invoiceLimit: { code: 420, description: 'Przekroczony limit faktur w sesji' },
  decompression: { code: 430, description: 'Błąd dekompresji pierwotnego archiwum' },
  partsDecryption: { code: 435, description: 'Błąd odszyfrowania zaszyfrowanych części archiwum' },
  cancelled: { code: 440, description: 'Sesja anulowana' },
  noValidInvoices: { code: 445, description: 'Błąd weryfikacji, brak poprawnych faktur' },
} as const;

export const INVOICE_STATUS = {
  accepted: { code: 100, description: 'Faktura przyjęta do dalszego przetwarzania' },
  processing: { code: 150, description: 'Trwa przetwarzanie' },
  success: { code: 200, description: 'Sukces' },
  sessionError: { code: 405, description: 'Przetwarzanie anulowane z powodu błędu sesji' },
  wrongPermissions: { code: 410, description: 'Nieprawidłowy zakres uprawnień' },
  attachmentsNotAllowed: { code: 415, description: 'Brak możliwości wysyłania faktury z załącznikiem' },
  fileVerification: { code: 430, description: 'Błąd weryfikacji pliku faktury' },
  decryption: { code: 435, description: 'Błąd odszyfrowania pliku' },
  duplicate: { code: 440, description: 'Duplikat faktury' },
  semantic: { code: 450, description: 'Błąd weryfikacji semantyki dokumentu faktury' },
  unknown: { code: 500, description: 'Nieznany błąd' },
} as const;

export function isFinalInvoiceStatus(code: number): boolean {
  return code !== 100 && code !== 150;
}
