import type { Column, Content, TableCell } from 'pdfmake/interfaces';
import { type Address, type Contact } from '../model/common.model';
import { type Fa } from '../model/fa.model';
import { type Invoice } from '../model/invoice.model';
import { CONTENT_WIDTH, keyValues, right, sectionTitle, table } from './pdf-blocks';
import { addAmounts, formatAmount, formatNumber, formatPrice } from './pdf-format';
import { INVOICE_KIND_LABELS, THIRD_PARTY_ROLE_LABELS, VAT_SUMMARY_ROWS, vatRateLabel } from './invoice-pdf-labels';

export function headerSection(invoice: Invoice, ksefNumber: string | null): Content {
  return {
    columns: [
      {
        width: '*',
        text: [
          { text: 'Krajowy System ', fontSize: 14 },
          { text: 'e-', fontSize: 14, bold: true, color: '#c8102e' },
          { text: 'Faktur', fontSize: 14, bold: true },
        ],
      },
      {
        width: 'auto',
        alignment: 'right',
        stack: [
          { text: 'Numer faktury', style: 'label' },
          { text: invoice.Fa.P_2, style: 'title' },
          { text: INVOICE_KIND_LABELS[invoice.Fa.RodzajFaktury] },
          ksefNumber
            ? {
                text: [
                  { text: 'Numer KSeF: ', style: 'label' },
                  { text: ksefNumber, bold: true },
                ],
              }
            : '',
        ],
      },
    ],
    margin: [0, 0, 0, 8],
  };
}

export function partiesSection(invoice: Invoice): Content[] {
  const seller = invoice.Podmiot1;
  const buyer = invoice.Podmiot2;
  const buyerId = buyer.DaneIdentyfikacyjne;
  const buyerIdText =
    buyerId.NIP ??
    (buyerId.NrVatUE ? `${buyerId.KodUE ?? ''}${buyerId.NrVatUE}` : undefined) ??
    (buyerId.NrID ? `${buyerId.KodKraju ?? ''} ${buyerId.NrID}`.trim() : undefined);
  const content: Content[] = [
    {
      columns: [
        party('Sprzedawca', [
          ['NIP', `${seller.PrefiksPodatnika ?? ''}${seller.DaneIdentyfikacyjne.NIP}`],
          ['Nazwa', seller.DaneIdentyfikacyjne.Nazwa],
          ...addressLines(seller.Adres),
          ...contactLines(seller.DaneKontaktowe),
        ]),
        party('Nabywca', [
          [buyerId.NIP ? 'NIP' : 'Identyfikator', buyerIdText ?? (buyerId.BrakID ? 'brak' : undefined)],
          ['Nazwa', buyerId.Nazwa],
          ...addressLines(buyer.Adres),
          ...contactLines(buyer.DaneKontaktowe),
          ['Numer klienta', buyer.NrKlienta],
        ]),
      ],
      columnGap: PARTY_GAP,
    },
  ];
  const thirdParties = (invoice.Podmiot3 ?? []).map((third) => {
    const role = third.Rola ? THIRD_PARTY_ROLE_LABELS[third.Rola] : third.OpisRoli;
    const id = third.DaneIdentyfikacyjne;
    return party(`Podmiot trzeci${role ? ` (${role})` : ''}`, [
      ['NIP', id.NIP],
      ['Identyfikator wewnętrzny', id.IDWew],
      ['Nazwa', id.Nazwa],
      ...addressLines(third.Adres),
      ['Udział', third.Udzial ? `${third.Udzial}%` : undefined],
    ]);
  });
  // Two per row, like seller and buyer; an odd last one keeps the left half.
  for (let i = 0; i < thirdParties.length; i += 2) {
    const pair = thirdParties.slice(i, i + 2);
    content.push({ columns: pair.length === 2 ? pair : [pair[0]!, { width: '*', text: '' }], columnGap: PARTY_GAP });
  }
  return content;
}

const PARTY_GAP = 16;

function party(title: string, pairs: readonly (readonly [string, string | undefined])[]): Column {
  return { width: '*', stack: [sectionTitle(title, (CONTENT_WIDTH - PARTY_GAP) / 2), ...keyValues(pairs)] };
}

function addressLines(address: Address | undefined): [string, string | undefined][] {
  if (!address) return [];
  const lines = [address.AdresL1, address.AdresL2].filter((line) => line !== undefined).join(', ');
  return [
    ['Adres', address.KodKraju === 'PL' ? lines : `${lines}, ${address.KodKraju}`],
    ['GLN', address.GLN],
  ];
}

function contactLines(contacts: Contact[] | undefined): [string, string | undefined][] {
  return (contacts ?? []).flatMap((contact): [string, string | undefined][] => [
    ['E-mail', contact.Email],
    ['Tel.', contact.Telefon],
  ]);
}

export function detailsSection(fa: Fa): Content[] {
  const content: Content[] = [
    sectionTitle('Szczegóły'),
    ...keyValues([
      ['Data wystawienia', fa.P_1],
      ['Miejsce wystawienia', fa.P_1M],
      ['Data dokonania lub zakończenia dostawy towarów lub wykonania usługi', fa.P_6],
      ['Okres, którego dotyczy faktura', fa.OkresFa ? `${fa.OkresFa.P_6_Od} - ${fa.OkresFa.P_6_Do}` : undefined],
      ['Kod waluty', fa.KodWaluty],
      ['Kurs waluty', fa.KursWalutyZ],
    ]),
  ];
  if (fa.DaneFaKorygowanej || fa.PrzyczynaKorekty) {
    content.push(
      sectionTitle('Dane faktury korygowanej'),
      ...keyValues([['Przyczyna korekty', fa.PrzyczynaKorekty]]),
      ...(fa.DaneFaKorygowanej ?? []).flatMap((corrected) =>
        keyValues([
          ['Numer faktury korygowanej', corrected.NrFaKorygowanej],
          ['Data wystawienia faktury korygowanej', corrected.DataWystFaKorygowanej],
          ['Numer KSeF faktury korygowanej', corrected.NrKSeFFaKorygowanej],
        ]),
      ),
    );
  }
  return content;
}

export function linesSection(fa: Fa): Content[] {
  const lines = fa.FaWiersz ?? [];
  if (lines.length === 0) return [];
  const byGross = lines.some((line) => line.P_11A !== undefined && line.P_11 === undefined);
  const rows: TableCell[][] = lines.map((line) => [
    line.NrWierszaFa,
    {
      text: [
        line.P_7 ?? '',
        ...[line.GTU, line.PKWiU && `PKWiU ${line.PKWiU}`, line.CN && `CN ${line.CN}`, line.GTIN && `GTIN ${line.GTIN}`]
          .filter((part): part is string => Boolean(part))
          .map((part) => ({ text: `\n${part}`, style: 'small', color: '#555555' })),
      ],
    },
    right(formatPrice(byGross ? line.P_9B : line.P_9A)),
    right(formatNumber(line.P_8B)),
    line.P_8A ?? '',
    right(vatRateLabel(line.P_12)),
    right(formatAmount(byGross ? line.P_11A : line.P_11)),
  ]);
  const unitPrice = byGross ? 'Cena jedn. brutto' : 'Cena jedn. netto';
  const value = byGross ? 'Wartość sprzedaży brutto' : 'Wartość sprzedaży netto';
  return [
    sectionTitle('Pozycje'),
    table(['Lp.', 'Nazwa towaru lub usługi', unitPrice, 'Ilość', 'Miara', 'Stawka podatku', value], rows, [
      18,
      '*',
      60,
      40,
      32,
      40,
      70,
    ]),
    {
      text: [
        { text: 'Kwota należności ogółem: ', bold: true },
        { text: `${formatAmount(fa.P_15)} ${fa.KodWaluty}`, bold: true, fontSize: 11 },
      ],
      alignment: 'right',
      margin: [0, 6, 0, 0],
    },
  ];
}

export function vatSummarySection(fa: Fa): Content[] {
  const rows: TableCell[][] = [];
  for (const row of VAT_SUMMARY_ROWS) {
    const net = fa[row.net];
    if (net === undefined) continue;
    const vat = row.vat ? fa[row.vat] : undefined;
    const usedRates = [
      ...new Set((fa.FaWiersz ?? []).map((line) => line.P_12).filter((rate) => row.rates.some((r) => r === rate))),
    ];
    const label = usedRates.length === 1 ? vatRateLabel(usedRates[0]) : row.label;
    rows.push([
      String(rows.length + 1),
      label,
      right(formatAmount(net)),
      right(formatAmount(vat ?? '0')),
      right(formatAmount(addAmounts(net, vat))),
    ]);
  }
  if (rows.length === 0) return [];
  return [
    sectionTitle('Podsumowanie stawek podatku'),
    table(['Lp.', 'Stawka podatku', 'Kwota netto', 'Kwota podatku', 'Kwota brutto'], rows, [18, '*', 80, 80, 80]),
  ];
}
