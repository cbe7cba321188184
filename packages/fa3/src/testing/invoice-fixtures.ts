// Test support (not exported from the package): synthetic invoices of any size for tests and benchmarks.
import type { InvoiceInputJson } from '../json/invoice-input.schema';

const RATES = ['23', '8', '5', '23', 'zw', '0 KR'] as const;

/** POS input with `lines` lines; `nameLength` pads names to grow the XML (≈ 330 B per line at 200). */
export function posInvoiceInput(lines: number, nameLength = 40): InvoiceInputJson {
  return {
    number: `FV/2026/01/${lines}`,
    issueDate: '2026-01-15',
    issuePlace: 'Warszawa',
    saleDate: '2026-01-14',
    seller: {
      nip: '5265877635',
      name: 'Zakład Usług Informatycznych „Żółw” Sp. z o.o.',
      address: { line1: 'ul. Świętokrzyska 12/4', line2: '00-916 Warszawa' },
      email: 'biuro@zolw.example.pl',
    },
    buyer: {
      nip: '3861610227',
      name: 'Przedsiębiorstwo Handlowe Łąka S.A.',
      address: { line1: 'ul. Grunwaldzka 5', line2: '80-236 Gdańsk' },
    },
    exemptionBasis: 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT',
    lines: Array.from({ length: lines }, (_, i) => ({
      name: `Towar ${i + 1} — żółta łódź `.padEnd(nameLength, 'x'),
      unit: 'szt.',
      quantity: String((i % 7) + 1),
      unitPrice: `${(i % 50) + 1}.${String((i * 37) % 100).padStart(2, '0')}`,
      vatRate: RATES[i % RATES.length]!,
      index: `IDX-${i + 1}`,
    })),
    payment: { form: 'transfer', dueDate: '2026-01-29', bankAccounts: [{ number: '61109010140000071219812874' }] },
  };
}
