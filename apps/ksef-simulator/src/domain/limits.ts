import type { SimulatorStore } from '../core/store';

export interface SessionLimits {
  maxInvoiceSizeInMB: number;
  maxInvoiceWithAttachmentSizeInMB: number;
  maxInvoices: number;
}

export interface ContextSessionLimits {
  onlineSession: SessionLimits;
  batchSession: SessionLimits;
}

export const DEFAULT_SESSION_LIMITS: ContextSessionLimits = {
  onlineSession: { maxInvoiceSizeInMB: 1, maxInvoiceWithAttachmentSizeInMB: 3, maxInvoices: 10_000 },
  batchSession: { maxInvoiceSizeInMB: 1, maxInvoiceWithAttachmentSizeInMB: 3, maxInvoices: 10_000 },
};

/** Per-context overrides set with `POST /testdata/limits/context/session`, keyed by contextKey. */
export const contextLimitsTable = (store: SimulatorStore) => store.table<ContextSessionLimits>('contextSessionLimits');
/** NIPs allowed to send invoices with attachments (`/testdata/attachment`). */
export const attachmentConsentTable = (store: SimulatorStore) =>
  store.table<{ allowed: boolean; revokedDate: number | null }>('attachmentConsent');

export function sessionLimitsFor(store: SimulatorStore, contextKey: string, type: 'Online' | 'Batch'): SessionLimits {
  const limits = contextLimitsTable(store).get(contextKey) ?? DEFAULT_SESSION_LIMITS;
  return type === 'Online' ? limits.onlineSession : limits.batchSession;
}

/** Sizes are SI megabytes (1 MB = 1,000,000 bytes). */
export const MB = 1_000_000;
