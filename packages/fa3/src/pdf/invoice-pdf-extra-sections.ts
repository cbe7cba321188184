import type { Content, TableCell } from 'pdfmake/interfaces';
import { type Fa } from '../model/fa.model';
import { type Invoice } from '../model/invoice.model';
import { keyValues, right, sectionTitle, table } from './pdf-blocks';
import { formatAmount } from './pdf-format';
import { PAYMENT_FORM_LABELS } from './invoice-pdf-labels';
import { qrCanvas } from './pdf-qr';

export function annotationsSection(fa: Fa): Content[] {
  const a = fa.Adnotacje;
  const items: string[] = [];
  if (a.P_16 === '1') items.push('Metoda kasowa');
  if (a.P_17 === '1') items.push('Samofakturowanie');
  if (a.P_18 === '1') items.push('Odwrotne obciążenie');
  if (a.P_18A === '1') items.push('Mechanizm podzielonej płatności');
  if (a.P_23 === '1') items.push('Procedura uproszczona (VAT: dostawa w ramach transakcji trójstronnej)');
  if (a.Zwolnienie.P_19 === '1') {
    const basis = a.Zwolnienie.P_19A ?? a.Zwolnienie.P_19B ?? a.Zwolnienie.P_19C ?? '';
    items.push(`Zwolnienie z podatku VAT: ${basis}`);
  }
  if (a.NoweSrodkiTransportu.P_22 === '1') items.push('Wewnątrzwspólnotowa dostawa nowych środków transportu');
  const m = a.PMarzy;
  if (m.P_PMarzy === '1') {
    const kind =
      m.P_PMarzy_2 === '1'
        ? 'biura podróży'
        : m.P_PMarzy_3_1 === '1'
          ? 'towary używane'
          : m.P_PMarzy_3_2 === '1'
            ? 'dzieła sztuki'
            : 'przedmioty kolekcjonerskie i antyki';
    items.push(`Procedura marży: ${kind}`);
  }
  if (fa.FP === '1') items.push('Faktura, o której mowa w art. 109 ust. 3d ustawy (FP)');
  if (fa.TP === '1') items.push('Istniejące powiązania między nabywcą a dokonującym dostawy (TP)');
  if (items.length === 0) return [];
  return [sectionTitle('Adnotacje'), { ul: items }];
}

export function paymentSection(fa: Fa): Content[] {
  const p = fa.Platnosc;
  if (!p) return [];
  const status =
    p.Zaplacono === '1' ? 'Zapłacono' : p.ZnacznikZaplatyCzesciowej === '1' ? 'Zapłacono częściowo' : 'Brak zapłaty';
  const form = p.FormaPlatnosci ? PAYMENT_FORM_LABELS[p.FormaPlatnosci] : p.OpisPlatnosci;
  const content: Content[] = [
    sectionTitle('Płatność'),
    ...keyValues([
      ['Informacja o płatności', status],
      ['Data zapłaty', p.DataZaplaty],
      ['Forma płatności', form],
      ...(p.TerminPlatnosci ?? []).map((term): [string, string | undefined] => [
        'Termin płatności',
        term.Termin ??
          (term.TerminOpis
            ? `${term.TerminOpis.Ilosc} ${term.TerminOpis.Jednostka} ${term.TerminOpis.ZdarzeniePoczatkowe}`
            : undefined),
      ]),
      ...(p.ZaplataCzesciowa ?? []).map((part): [string, string] => [
        'Zapłata częściowa',
        `${formatAmount(part.KwotaZaplatyCzesciowej)} ${fa.KodWaluty} (${part.DataZaplatyCzesciowej})`,
      ]),
      ['Skonto', p.Skonto ? `${p.Skonto.WarunkiSkonta}: ${p.Skonto.WysokoscSkonta}` : undefined],
      ['Link do płatności', p.LinkDoPlatnosci],
    ]),
  ];
  const accounts = [...(p.RachunekBankowy ?? []), ...(p.RachunekBankowyFaktora ?? [])];
  if (accounts.length > 0) {
    const rows: TableCell[][] = accounts.map((account) => [
      account.NrRB,
      account.SWIFT ?? '',
      account.NazwaBanku ?? '',
      account.OpisRachunku ?? '',
    ]);
    content.push(
      { text: 'Rachunek bankowy', bold: true, margin: [0, 6, 0, 2] },
      table(['Numer rachunku', 'SWIFT', 'Nazwa banku', 'Opis rachunku'], rows, ['*', 60, 100, 100]),
    );
  }
  return content;
}

export function settlementSection(fa: Fa): Content[] {
  const s = fa.Rozliczenie;
  if (!s) return [];
  const rows: TableCell[][] = [
    ...(s.Obciazenia ?? []).map((charge): TableCell[] => [
      'Obciążenie',
      charge.Powod,
      right(formatAmount(charge.Kwota)),
    ]),
    ...(s.Odliczenia ?? []).map((charge): TableCell[] => [
      'Odliczenie',
      charge.Powod,
      right(formatAmount(charge.Kwota)),
    ]),
  ];
  return [
    sectionTitle('Rozliczenie'),
    ...(rows.length > 0 ? [table(['Rodzaj', 'Powód', 'Kwota'], rows, [70, '*', 80])] : []),
    ...keyValues([
      ['Do zapłaty', s.DoZaplaty && `${formatAmount(s.DoZaplaty)} ${fa.KodWaluty}`],
      ['Do rozliczenia', s.DoRozliczenia && `${formatAmount(s.DoRozliczenia)} ${fa.KodWaluty}`],
    ]),
  ];
}

export function additionalInfoSection(invoice: Invoice): Content[] {
  const fa = invoice.Fa;
  const content: Content[] = [];
  const descriptions = fa.DodatkowyOpis ?? [];
  if (descriptions.length > 0) {
    // The line column only when some description refers to a line.
    const perLine = descriptions.some((d) => d.NrWiersza !== undefined);
    const rows: TableCell[][] = descriptions.map((d) => [...(perLine ? [d.NrWiersza ?? ''] : []), d.Klucz, d.Wartosc]);
    const headers = [...(perLine ? ['Wiersz'] : []), 'Rodzaj informacji', 'Treść'];
    content.push(sectionTitle('Dodatkowe informacje'), table(headers, rows, [...(perLine ? [40] : []), 120, '*']));
  }
  const terms = fa.WarunkiTransakcji;
  if (terms) {
    content.push(
      sectionTitle('Warunki transakcji'),
      ...keyValues([
        ...(terms.Umowy ?? []).map((u): [string, string] => [
          'Umowa',
          [u.NrUmowy, u.DataUmowy].filter(Boolean).join(' z '),
        ]),
        ...(terms.Zamowienia ?? []).map((z): [string, string] => [
          'Zamówienie',
          [z.NrZamowienia, z.DataZamowienia].filter(Boolean).join(' z '),
        ]),
        ['Warunki dostawy', terms.WarunkiDostawy],
      ]),
    );
  }
  const footer = invoice.Stopka;
  if (footer) {
    const texts = (footer.Informacje ?? []).map((i) => i.StopkaFaktury).filter((t): t is string => Boolean(t));
    content.push(
      sectionTitle('Stopka faktury'),
      ...texts.map((text): Content => ({ text, margin: [0, 1, 0, 1] })),
      ...(footer.Rejestry ?? []).flatMap((r) =>
        keyValues([
          ['Pełna nazwa', r.PelnaNazwa],
          ['KRS', r.KRS],
          ['REGON', r.REGON],
          ['BDO', r.BDO],
        ]),
      ),
    );
  }
  return content;
}

export interface QrBlock {
  link: string;
  caption: string;
}

/** KOD I ("Sprawdź, czy Twoja faktura znajduje się w KSeF!") and, for offline invoices, KOD II. */
export function qrSection(codeI: QrBlock | null, codeII: QrBlock | null): Content[] {
  if (!codeI) return [];
  const block = (title: string, hint: string, qr: QrBlock, heading?: string): Content => ({
    stack: [
      ...(heading ? [sectionTitle(heading)] : []),
      {
        columns: [
          {
            width: 110,
            stack: [
              qrCanvas(qr.link, 110),
              { text: qr.caption, alignment: 'center', fontSize: qr.caption.length > 20 ? 5.5 : 8, bold: true },
            ],
          },
          {
            width: '*',
            stack: [
              { text: title, bold: true, margin: [0, 8, 0, 4] },
              { text: hint, style: 'small' },
              { text: qr.link, link: qr.link, style: 'link', margin: [0, 4, 0, 0] },
            ],
          },
        ],
        columnGap: 12,
        margin: [0, 4, 0, 4],
      },
    ],
    unbreakable: true,
  });
  const content: Content[] = [
    block(
      'Weryfikacja faktury',
      'Nie możesz zeskanować kodu z obrazka? Kliknij w link weryfikacyjny i przejdź do weryfikacji faktury!',
      codeI,
      'Sprawdź, czy Twoja faktura znajduje się w KSeF!',
    ),
  ];
  if (codeII) {
    content.push(
      block(
        'Weryfikacja wystawcy faktury',
        'Zweryfikuj, czy wystawca faktury offline był uprawniony do jej wystawienia (certyfikat KSeF).',
        codeII,
      ),
    );
  }
  return content;
}
