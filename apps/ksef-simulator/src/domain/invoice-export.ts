import type { SimulatorStore } from '../core/store';
import type { StatusInfo } from './auth-operation';

export interface ExportPartRecord {
  ordinalNumber: number;
  partName: string;
  partSize: number;
  partHash: string;
  /** AES-256-CBC ciphertext served at the pre-signed URL. */
  encrypted: Buffer;
  encryptedPartHash: string;
}

export interface InvoiceExportRecord {
  referenceNumber: string;
  contextKey: string;
  createdAt: number;
  status: StatusInfo;
  completedDate: number | null;
  packageExpirationDate: number | null;
  package: {
    invoiceCount: number;
    size: number;
    parts: ExportPartRecord[];
    isTruncated: boolean;
    lastIssueDate: string | null;
    lastInvoicingDate: number | null;
    lastPermanentStorageDate: number | null;
    permanentStorageHwmDate: number | null;
  } | null;
}

export const invoiceExportsTable = (store: SimulatorStore) => store.table<InvoiceExportRecord>('invoiceExports');

export const EXPORT_STATUS = {
  inProgress: { code: 100, description: 'Eksport faktur w toku' },
  done: { code: 200, description: 'Eksport faktur zakończony sukcesem' },
  expired: { code: 210, description: 'Paczka faktur wygasła i nie jest już dostępna do pobrania' },
  keyError: { code: 415, description: 'Błąd odszyfrowania dostarczonego klucza' },
  beyondHwm: { code: 420, description: 'Zakres filtrowania wykracza poza dostępny zakres danych' },
  unknown: { code: 500, description: 'Nieznany błąd' },
} as const;

/** Export statuses are kept 7 days, then 410. */
export const EXPORT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_CONCURRENT_EXPORTS = 10;
