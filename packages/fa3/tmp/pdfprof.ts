import { buildInvoice, invoiceFromJson, renderInvoicePdf } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
async function main() {
  const invoice = invoiceFromJson(posInvoiceInput(20), { now: new Date('2026-02-01T10:00:00Z') });
  const xml = buildInvoice(invoice);
  for (let i = 0; i < 10; i++) await renderInvoicePdf(invoice, { invoiceXml: xml, environment: 'PRD', ksefNumber: '5265877635-20250826-0100001AF629-AF' });
  const t = performance.now();
  for (let i = 0; i < 60; i++) await renderInvoicePdf(invoice, { invoiceXml: xml, environment: 'PRD', ksefNumber: '5265877635-20250826-0100001AF629-AF' });
  console.log(((performance.now() - t) / 60).toFixed(1), 'ms avg');
}
main();
