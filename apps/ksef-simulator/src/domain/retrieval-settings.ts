import type { SimulatorStore } from '../core/store';

/** Documented retrieval caps; tests may lower them (in-process) to reach truncation with few invoices. */
export interface RetrievalSettings {
  /** Metadata query: records per filter set before `isTruncated`. */
  metadataCap: number;
  /** Export: invoices per package before `isTruncated`. */
  exportMaxInvoices: number;
  /** Export: invoice bytes per package before `isTruncated` (KSeF: 1 GB compressed; counted uncompressed here). */
  exportMaxBytes: number;
  /** Export: bytes per (unencrypted) part. */
  exportPartSizeBytes: number;
  /** Lifetime of export part download URLs and of the package. */
  exportPartUrlLifetimeMs: number;
  exportPackageLifetimeMs: number;
}

export const DEFAULT_RETRIEVAL_SETTINGS: RetrievalSettings = {
  metadataCap: 10_000,
  exportMaxInvoices: 10_000,
  exportMaxBytes: 1_000_000_000,
  exportPartSizeBytes: 50_000_000,
  exportPartUrlLifetimeMs: 60 * 60 * 1000,
  exportPackageLifetimeMs: 3 * 24 * 60 * 60 * 1000,
};

const table = (store: SimulatorStore) => store.table<RetrievalSettings>('retrievalSettings');

export function retrievalSettings(store: SimulatorStore): RetrievalSettings {
  return table(store).get('current') ?? DEFAULT_RETRIEVAL_SETTINGS;
}

export function setRetrievalSettings(store: SimulatorStore, settings: Partial<RetrievalSettings>): void {
  table(store).set('current', { ...retrievalSettings(store), ...settings });
}
