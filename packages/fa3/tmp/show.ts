import { buildInvoice, invoiceFromJson } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
console.log(buildInvoice(invoiceFromJson(posInvoiceInput(2), { now: new Date('2026-02-01T10:00:00Z') })));
