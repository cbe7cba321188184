import { createHash } from 'node:crypto';
import { isoDateTime } from '../core/dates';
import { KsefError, validationError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import { contextKey, NIP_PATTERN } from '../domain/identifiers';
import {
  INVOICE_STATUS,
  SESSION_STATUS,
  sessionInvoicesTable,
  sessionsTable,
  type SessionInvoiceRecord,
  type SessionRecord,
} from '../domain/session';
import type { SimulatorContext } from '../simulator-context';
import { readInvoiceFacts } from '../xml/fa3-facts';
import { processInvoiceContent } from './invoice-processing.service';
import { SESSION_LIFETIME_MS } from './session-lifecycle.service';
import { upoPageCount } from './upo.builder';

function sellerOf(ctx: SimulatorContext, xml: Buffer): string {
  try {
    const doc = ctx.xml.parse(xml);
    try {
      return readInvoiceFacts(doc).sellerNip;
    } finally {
      doc.dispose();
    }
  } catch {
    throw validationError('Treść nie jest poprawnym dokumentem XML.');
  }
}

/**
 * `POST /sim/invoices`: stores an FA(3) invoice as if its seller had sent it in an online session (same
 * validation, KSeF number, duplicate rules), so a buyer's context finds it as a purchase invoice.
 */
export function storeSimInvoice(ctx: SimulatorContext, xml: unknown, sellerHeader: string | undefined) {
  if (!Buffer.isBuffer(xml) || xml.length === 0)
    throw validationError('Wymagana treść faktury FA(3) (application/xml).');
  const sellerNip = sellerHeader ?? sellerOf(ctx, xml);
  if (!NIP_PATTERN.test(sellerNip)) throw validationError(`X-Sim-Seller-Nip: nieprawidłowy NIP ${sellerNip}`);
  const now = ctx.clock.now();
  const session = simSessionFor(ctx, sellerNip, now);
  const invoice: SessionInvoiceRecord = {
    referenceNumber: newReferenceNumber('EE', now),
    sessionReferenceNumber: session.referenceNumber,
    ordinalNumber: session.invoiceRefs.length + 1,
    invoiceHash: '',
    invoiceSize: xml.length,
    invoiceFileName: null,
    invoicingDate: now,
    offlineMode: false,
    hashOfCorrectedInvoice: null,
    status: INVOICE_STATUS.processing,
    invoiceNumber: null,
    ksefNumber: null,
    acquisitionDate: null,
    permanentStorageDate: null,
    invoicingMode: null,
  };
  processInvoiceContent(ctx, session, invoice, xml, null);
  if (invoice.status.code !== 200 || !invoice.ksefNumber) {
    throw new KsefError(21405, 'Faktura odrzucona.', [
      `Status ${invoice.status.code}: ${invoice.status.description}`,
      ...(invoice.status.details ?? []),
    ]);
  }
  session.invoiceRefs.push(invoice.referenceNumber);
  session.dateUpdated = now;
  const pages = upoPageCount(session.invoiceRefs.length);
  while ((session.upoPages ??= []).length < pages)
    session.upoPages.push({ referenceNumber: newReferenceNumber('EU', now) });
  sessionInvoicesTable(ctx.store).set(invoice.referenceNumber, invoice);
  return {
    ksefNumber: invoice.ksefNumber,
    sessionReferenceNumber: session.referenceNumber,
    invoiceHash: invoice.invoiceHash,
    acquisitionDate: isoDateTime(invoice.acquisitionDate ?? now),
  };
}

/** seller NIP -> reference number of the synthetic session that holds its `/sim/invoices` invoices. */
const simSessionsTable = (ctx: SimulatorContext) => ctx.store.table<string>('simInvoiceSessions');

/**
 * One synthetic, already processed online session per seller (and per 10,000 invoices) holds the invoices
 * stored through the control API, so generating many purchase invoices costs no session per invoice.
 */
function simSessionFor(ctx: SimulatorContext, sellerNip: string, now: number): SessionRecord {
  const existing = sessionsTable(ctx.store).get(simSessionsTable(ctx).get(sellerNip) ?? '');
  if (existing && existing.invoiceRefs.length < 10_000) return existing;
  const context = { type: 'Nip' as const, value: sellerNip };
  const session: SessionRecord = {
    referenceNumber: newReferenceNumber('SO', now),
    type: 'Online',
    context,
    contextKey: contextKey(context),
    authOperationReferenceNumber: 'sim',
    ksefTokenReferenceNumber: null,
    authDocumentHash: createHash('sha256').update('sim').digest('base64'),
    formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
    aesKey: null,
    iv: Buffer.alloc(16),
    status: SESSION_STATUS.success,
    dateCreated: now,
    dateUpdated: now,
    validUntil: now + SESSION_LIFETIME_MS,
    closedAt: now,
    invoiceRefs: [],
    upoPages: null,
    offlineMode: false,
    batch: null,
  };
  sessionsTable(ctx.store).set(session.referenceNumber, session);
  simSessionsTable(ctx).set(sellerNip, session.referenceNumber);
  return session;
}
