import { writeFileSync } from 'node:fs';
import { buildInvoice, invoiceFromJson } from '../src/index';
import { posInvoiceInput } from '../src/testing/invoice-fixtures';
for (const n of [2, 20]) writeFileSync(`tmp/inv${n}.xml`, buildInvoice(invoiceFromJson(posInvoiceInput(n), { now: new Date('2026-02-01T10:00:00Z') })));
