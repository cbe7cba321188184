import { createHash } from 'node:crypto';
import { newKsefNumber } from '../core/identifiers';
import type { ContextIdentifier } from '../domain/identifiers';
import { storedInvoicesTable, type InvoicingMode, type StoredInvoiceRecord } from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';
import { readInvoiceFacts } from './invoice-facts.service';

export interface NewStoredInvoice {
  xml: Buffer;
  invoicingMode?: InvoicingMode;
  /** Defaults to now (simulator clock). */
  invoicingDate?: number;
  acquisitionDate?: number;
  /** Defaults to acquisition + `permanentStorageLagMs`; must be later than acquisition. */
  permanentStorageDate?: number;
  hashOfCorrectedInvoice?: string | null;
  sessionReferenceNumber?: string | null;
  senderContext?: ContextIdentifier | null;
  /** Use this number instead of generating one (processing may assign it earlier). */
  ksefNumber?: string;
}

/**
 * The one way an invoice enters retrieval: invoice processing and `/sim/invoices` call this once the
 * invoice has a KSeF number. Throws InvoiceFactsError for a document that is not an FA invoice.
 */
export function storeInvoice(ctx: SimulatorContext, input: NewStoredInvoice): StoredInvoiceRecord {
  const now = ctx.clock.now();
  const { facts, formCode } = readInvoiceFacts(input.xml);
  const acquisitionDate = input.acquisitionDate ?? now;
  const record: StoredInvoiceRecord = {
    ksefNumber: input.ksefNumber ?? newKsefNumber(facts.seller.nip, input.invoicingDate ?? acquisitionDate),
    xml: input.xml,
    invoiceHash: createHash('sha256').update(input.xml).digest('base64'),
    formCode,
    invoicingMode: input.invoicingMode ?? 'Online',
    invoicingDate: input.invoicingDate ?? acquisitionDate,
    acquisitionDate,
    permanentStorageDate:
      input.permanentStorageDate ?? acquisitionDate + Math.max(1, ctx.options.permanentStorageLagMs),
    hashOfCorrectedInvoice: input.hashOfCorrectedInvoice ?? null,
    sessionReferenceNumber: input.sessionReferenceNumber ?? null,
    senderContext: input.senderContext ?? null,
    facts,
  };
  storedInvoicesTable(ctx.store).set(record.ksefNumber, record);
  return record;
}

/**
 * High-water mark of permanent storage: every invoice stored at or before it is already visible and none
 * will appear there later. It trails the clock by `permanentStorageLagMs` (storage writes in flight) and
 * never passes an invoice still waiting for permanent storage.
 */
export function permanentStorageHwm(ctx: SimulatorContext): number {
  const now = ctx.clock.now();
  let hwm = now - Math.max(0, ctx.options.permanentStorageLagMs);
  for (const invoice of storedInvoicesTable(ctx.store).values()) {
    if (invoice.permanentStorageDate > now && invoice.permanentStorageDate - 1 < hwm) {
      hwm = invoice.permanentStorageDate - 1;
    }
  }
  return hwm;
}
