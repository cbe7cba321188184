import { buildInvoice, invoiceFromJson } from '@bufor/fa3';

export interface DemoInvoiceFacts {
  number: string;
  issueDate: string;
  seller: { nip: string; name: string };
  buyer: { nip: string | null; name: string };
  /** Net amount in grosze, positive. */
  netGrosze: number;
  rate: 23 | 8;
  /** Picks the goods line: the same document always gets the same line. */
  index: number;
}

export interface DemoInvoice {
  xml: Buffer;
  netTotal: string;
  vatTotal: string;
  grossTotal: string;
}

const GOODS = [
  'Kawa ziarnista 1 kg',
  'Herbata czarna liściasta 100 g',
  'Czekolada gorzka 70% 100 g',
  'Woda mineralna 1,5 l (zgrzewka 6 szt.)',
  'Sok jabłkowy tłoczony 1 l',
  'Ręcznik papierowy (opak. 2 szt.)',
  'Środek czyszczący 750 ml',
  'Papier ksero A4, ryza 500 ark.',
] as const;

const ADDRESSES = [
  { line1: 'ul. Floriańska 12', line2: '31-019 Kraków' },
  { line1: 'ul. Marszałkowska 84/92', line2: '00-514 Warszawa' },
  { line1: 'ul. Długa 5', line2: '80-827 Gdańsk' },
  { line1: 'ul. Piotrkowska 104', line2: '90-001 Łódź' },
] as const;

/**
 * A real FA(3) invoice for a demo document: one line at the document's net amount and rate, built by fa3 (which
 * computes the VAT and totals, so the document row takes its amounts from the invoice and both always agree).
 */
export function demoInvoiceXml(facts: DemoInvoiceFacts): DemoInvoice {
  const unitPrice = `${Math.floor(facts.netGrosze / 100)}.${String(facts.netGrosze % 100).padStart(2, '0')}`;
  const invoice = invoiceFromJson(
    {
      number: facts.number,
      issueDate: facts.issueDate,
      saleDate: facts.issueDate,
      seller: { nip: facts.seller.nip, name: facts.seller.name, address: ADDRESSES[facts.index % ADDRESSES.length]! },
      buyer: {
        ...(facts.buyer.nip ? { nip: facts.buyer.nip } : {}),
        name: facts.buyer.name,
        address: ADDRESSES[(facts.index + 1) % ADDRESSES.length]!,
      },
      lines: [
        {
          name: GOODS[facts.index % GOODS.length]!,
          unit: 'szt.',
          quantity: '1',
          unitPrice,
          vatRate: String(facts.rate) as '23' | '8',
        },
      ],
      payment: { form: 'transfer', dueDate: facts.issueDate },
    },
    { now: new Date(`${facts.issueDate}T10:00:00Z`) },
  );
  const fa = invoice.Fa;
  const net = facts.rate === 23 ? fa.P_13_1 : fa.P_13_2;
  const vat = facts.rate === 23 ? fa.P_14_1 : fa.P_14_2;
  if (!net || !vat) throw new Error(`demo invoice ${facts.number}: no ${facts.rate}% totals`);
  return { xml: Buffer.from(buildInvoice(invoice), 'utf8'), netTotal: net, vatTotal: vat, grossTotal: fa.P_15 };
}
