import type { TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { keyValues, sectionTitle, STYLES, table } from './pdf-blocks';
import { formatDateTime } from './pdf-format';
import { renderPdfDocument } from './pdf-renderer';
import { type UpoDocument, parseUpo } from './upo-document';

const CONTEXT_LABELS: Readonly<Record<string, string>> = {
  Nip: 'NIP',
  IdWewnetrzny: 'Identyfikator wewnętrzny',
  IdZlozonyVatUE: 'Identyfikator złożony NIP-VAT UE',
  IdDostawcyUslugPeppol: 'Identyfikator dostawcy usług Peppol',
};

export interface UpoPdfOptions {
  watermark?: string;
}

/** The pdfmake document of a UPO v4-3: receipt header, session and authentication, then one row per invoice. */
export function upoPdfDefinition(upo: UpoDocument, options: UpoPdfOptions = {}): TDocumentDefinitions {
  const rows: TableCell[][] = upo.documents.map((d, index) => [
    String(index + 1),
    { text: [d.ksefNumber, { text: `\n${d.invoiceNumber}`, color: '#555555' }] },
    d.sellerNip,
    d.issueDate,
    { text: `${formatDateTime(d.submittedAt)}\n${formatDateTime(d.ksefNumberAssignedAt)}` },
    d.mode,
    { text: d.invoiceHash, fontSize: 6 },
  ]);
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 40, 50],
    info: { title: `UPO ${upo.sessionReferenceNumber}`, creator: 'Bufor' },
    ...(options.watermark
      ? { watermark: { text: options.watermark, opacity: 0.12, bold: true, color: '#c8102e' } }
      : {}),
    styles: STYLES,
    content: [
      { text: 'Urzędowe Poświadczenie Odbioru', style: 'title' },
      { text: 'dokumentów elektronicznych przesłanych do Krajowego Systemu e-Faktur (UPO v4-3)', margin: [0, 0, 0, 8] },
      ...keyValues([
        ['Podmiot przyjmujący', upo.receiverName],
        ['Numer referencyjny sesji', upo.sessionReferenceNumber],
        [`Kontekst (${CONTEXT_LABELS[upo.context.type] ?? upo.context.type})`, upo.context.value],
        upo.authentication.type === 'token'
          ? ['Numer referencyjny tokena KSeF', upo.authentication.value]
          : ['Skrót dokumentu uwierzytelniającego', upo.authentication.value],
        ['Struktura logiczna', `${upo.structureName} (${upo.formCode})`],
        [
          'Strona',
          upo.page
            ? `${upo.page.number} z ${upo.page.of}; dokumenty ${upo.page.from}-${upo.page.to} z ${upo.page.total}`
            : undefined,
        ],
      ]),
      sectionTitle(`Dokumenty (${upo.documents.length})`, 762),
      table(
        [
          'Lp.',
          'Numer KSeF / numer faktury',
          'NIP sprzedawcy',
          'Data wystawienia',
          'Przesłano / nadano numer',
          'Tryb',
          'Skrót SHA-256',
        ],
        rows,
        [20, 170, 65, 60, 95, 40, '*'],
      ),
    ],
    footer: (page, pages) => ({
      text: `Strona ${page} z ${pages}`,
      alignment: 'right',
      style: 'small',
      margin: [40, 16, 40, 0],
    }),
  };
}

/** Renders a UPO (XML bytes or a parsed document) to PDF. */
export function renderUpoPdf(upo: UpoDocument | string | Uint8Array, options: UpoPdfOptions = {}): Promise<Buffer> {
  const document = typeof upo === 'string' || upo instanceof Uint8Array ? parseUpo(upo) : upo;
  return renderPdfDocument(upoPdfDefinition(document, options));
}
