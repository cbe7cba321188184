import { writeFileSync } from 'node:fs';
import { buildInvoice, invoiceFromJson, renderInvoicePdf } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
async function main() {
  const invoice = invoiceFromJson(posInvoiceInput(20), { now: new Date('2026-02-01T10:00:00Z') });
  const xml = buildInvoice(invoice);
  writeFileSync('tmp/out.pdf', await renderInvoicePdf(invoice, { invoiceXml: xml, environment: 'PRD', ksefNumber: '5265877635-20250826-0100001AF629-AF' }));
}
main();
