import { HOUR } from '../core/dates';
import { newReferenceNumber } from '../core/identifiers';
import {
  INVOICE_STATUS,
  isFinalInvoiceStatus,
  SESSION_STATUS,
  sessionInvoicesTable,
  type SessionInvoiceRecord,
  type SessionRecord,
} from '../domain/session';
import type { SimulatorContext } from '../simulator-context';
import { upoPageCount } from './upo.builder';

export const SESSION_LIFETIME_MS = 12 * HOUR;

export function invoicesOf(ctx: SimulatorContext, session: SessionRecord): SessionInvoiceRecord[] {
  const table = sessionInvoicesTable(ctx.store);
  return session.invoiceRefs.map((ref) => table.get(ref)).filter((i): i is SessionInvoiceRecord => i !== undefined);
}

function setStatus(ctx: SimulatorContext, session: SessionRecord, status: SessionRecord['status']): void {
  session.status = status;
  session.dateUpdated = ctx.clock.now();
}

/**
 * Applies time-based transitions when a session is read: an online session past its 12 h lifetime is closed
 * automatically; a batch session never closed within 12 h is cancelled.
 */
export function refreshSession(ctx: SimulatorContext, session: SessionRecord): void {
  const now = ctx.clock.now();
  if (session.status.code !== 100 || now <= session.validUntil) return;
  if (session.type === 'Online') {
    closeSession(ctx, session);
  } else {
    setStatus(ctx, session, {
      ...SESSION_STATUS.cancelled,
      details: ['Przekroczono czas oczekiwania na przesłanie paczki.'],
    });
  }
}

/** Online close: 100 -> 170; the final status follows once every invoice has a final status. */
export function closeSession(ctx: SimulatorContext, session: SessionRecord): void {
  session.closedAt = ctx.clock.now();
  setStatus(ctx, session, SESSION_STATUS.closed);
  ctx.scheduler.run(ctx.faults.processingDelayMs, () => finalizeIfDone(ctx, session));
}

/** After close (170) or batch processing (150): 200 with UPO, 440 (no invoices) or 445 (none valid). */
export function finalizeIfDone(ctx: SimulatorContext, session: SessionRecord): void {
  const closedOnline = session.type === 'Online' && session.status.code === 170;
  const processedBatch = session.type === 'Batch' && session.status.code === 150;
  if (!closedOnline && !processedBatch) return;
  const invoices = invoicesOf(ctx, session);
  if (invoices.some((invoice) => !isFinalInvoiceStatus(invoice.status.code))) return;
  if (invoices.length === 0) {
    setStatus(ctx, session, { ...SESSION_STATUS.cancelled, details: ['Nie przesłano faktur.'] });
    return;
  }
  const accepted = invoices.filter((invoice) => invoice.status.code === INVOICE_STATUS.success.code);
  if (accepted.length === 0) {
    setStatus(ctx, session, SESSION_STATUS.noValidInvoices);
    return;
  }
  const now = ctx.clock.now();
  session.upoPages = Array.from({ length: upoPageCount(accepted.length) }, () => ({
    referenceNumber: newReferenceNumber('EU', now),
  }));
  setStatus(ctx, session, session.type === 'Online' ? SESSION_STATUS.success : SESSION_STATUS.batchSuccess);
}
