// Test support (not exported from the package): synthetic invoices of any size for tests and benchmarks.
import type { InvoiceInputJson } from '../json/invoice-input.schema';

const RATES = ['23', '8', '5', '23', 'zw', '0 KR'] as const;

/** Words for the product names of variant invoices. */
const PRODUCTS = (
  'Chleb żytni|Masło extra|Mąka pszenna|Cukier biały|Kawa ziarnista|Herbata czarna|Sok jabłkowy|' +
  'Woda źródlana|Ser żółty|Jogurt naturalny|Śmietana 18%|Olej rzepakowy|Ryż długoziarnisty|' +
  'Makaron świderki|Pomidory w puszce|Ogórki kiszone|Dżem truskawkowy|Miód wielokwiatowy|' +
  'Płatki owsiane|Czekolada gorzka|Papier ksero A4|Długopis żelowy|Segregator A4|Taśma pakowa|' +
  'Rękawice robocze|Środek czyszczący|Ręcznik papierowy|Worki na śmieci|Żarówka LED|Bateria AA'
).split('|');

/**
 * POS input with `lines` lines; `nameLength` pads names to grow the XML (≈ 330 B per line at 200). A `variant` above
 * 0 gives another invoice of the same shape (number, buyer, product names, quantities and prices differ), for
 * benchmarks that must not measure one document over and over.
 */
export function posInvoiceInput(lines: number, nameLength = 40, variant = 0): InvoiceInputJson {
  const name = (i: number) =>
    variant === 0
      ? `Towar ${i + 1} — żółta łódź `.padEnd(nameLength, 'x')
      : `${PRODUCTS[(i * 7 + variant * 13) % PRODUCTS.length]!} ${variant}-${i + 1}`.padEnd(nameLength, ' ').trimEnd();
  return {
    number: variant === 0 ? `FV/2026/01/${lines}` : `FV/2026/01/${lines}-${variant}`,
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
      name: variant === 0 ? 'Przedsiębiorstwo Handlowe Łąka S.A.' : `Sklep Spożywczy „Łąka ${variant}” sp.j.`,
      address: { line1: 'ul. Grunwaldzka 5', line2: '80-236 Gdańsk' },
    },
    exemptionBasis: 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT',
    lines: Array.from({ length: lines }, (_, i) => ({
      name: name(i),
      unit: 'szt.',
      quantity: String(((i + variant) % 7) + 1),
      unitPrice: `${((i + variant * 3) % 50) + 1}.${String((i * 37 + variant) % 100).padStart(2, '0')}`,
      vatRate: RATES[i % RATES.length]!,
      index: `IDX-${i + 1}`,
    })),
    payment: { form: 'transfer', dueDate: '2026-01-29', bankAccounts: [{ number: '61109010140000071219812874' }] },
  };
}
