import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { newKsefNumber, newReferenceNumber } from '../core/identifiers';
import { storedInvoicesTable, type StoredInvoiceRecord } from '../domain/stored-invoice';
import type { Simulator } from '../simulator';
import { readInvoiceFacts } from '../xml/fa3-facts';

const SAMPLES = resolve(__dirname, '../../../../../shared/ksef/samples');
const TEMPLATE = readFileSync(resolve(SAMPLES, 'invoice-template-fa-3-with-custom-subject_3.xml'), 'utf8');

export interface InvoiceXmlOptions {
  sellerNip: string;
  buyerNip: string;
  /** Podmiot3 NIP (role 8). */
  thirdNip?: string;
  issueDate?: string;
  number: string;
}

/** An FA(3) invoice from the official sample with the given parties (Podmiot3 with role 8). */
export function invoiceXml(o: InvoiceXmlOptions): Buffer {
  return Buffer.from(
    TEMPLATE.replace('#nip#', o.sellerNip)
      .replace('#subject2nip#', o.buyerNip)
      .replace('#subject3IdentifierValue#', `<NIP>${o.thirdNip ?? '1111111111'}</NIP>`)
      .replace('#invoicing_date#', o.issueDate ?? '2026-01-20')
      .replace('#invoice_number#', o.number),
    'utf8',
  );
}

/**
 * Puts an invoice straight into the stored-invoice table, as invoice processing would once it assigns a
 * KSeF number, with chosen acquisition and permanent-storage times (HWM and paging tests need exact dates,
 * which `POST /sim/invoices` does not take); the end-to-end path is covered through `/sim/invoices` and sessions.
 */
export function storeTestInvoice(
  sim: Simulator,
  xml: Buffer,
  dates: { acquisitionDate?: number; permanentStorageDate?: number } = {},
): StoredInvoiceRecord {
  const now = sim.ctx.clock.now();
  const doc = sim.ctx.xml.parse(xml);
  try {
    const facts = readInvoiceFacts(doc);
    const acquisitionDate = dates.acquisitionDate ?? now;
    const record: StoredInvoiceRecord = {
      ...facts,
      ksefNumber: newKsefNumber(facts.sellerNip, acquisitionDate),
      xml,
      invoiceHash: createHash('sha256').update(xml).digest('base64'),
      formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
      sessionReferenceNumber: newReferenceNumber('SO', acquisitionDate),
      invoiceReferenceNumber: newReferenceNumber('EE', acquisitionDate),
      issuerContextKey: `Nip:${facts.sellerNip}`,
      invoicingDate: acquisitionDate,
      acquisitionDate,
      permanentStorageDate: dates.permanentStorageDate ?? acquisitionDate + 1,
      invoicingMode: 'Online',
      hashOfCorrectedInvoice: null,
    };
    storedInvoicesTable(sim.ctx.store).set(record.ksefNumber, record);
    return record;
  } finally {
    doc.dispose();
  }
}
