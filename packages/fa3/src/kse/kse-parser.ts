import {
  KSE_BLOCK_LINES,
  KSE_HEADER_LINES,
  KSE_ITEM_OFFSETS as O,
  KSE_VAT_RATES,
  type KseDocument,
  type KseHeader,
  type KseIssue,
  type KseItem,
  type KseVatRate,
} from './kse-document';
import { KseFieldReader, kseIssue } from './kse-fields';

export type KseParseResult = { ok: true; document: KseDocument } | { ok: false; issues: KseIssue[] };

/** Parses decoded KSE text (see {@link decodeKseBytes}); every problem is reported with its line. */
export function parseKseText(text: string): KseParseResult {
  const lines = splitLines(text);
  const issues: KseIssue[] = [];
  if (/(^|[^\r])\n/.test(text) && text.includes('\r\n')) {
    issues.push(
      kseIssue(firstBareLf(text), 'KSE_LINE_ENDINGS', 'mieszane końce wierszy (oczekiwano CRLF w całym pliku)'),
    );
  }
  if (lines.length < KSE_HEADER_LINES) {
    issues.push(
      kseIssue(lines.length, 'KSE_TOO_SHORT', `plik ma ${lines.length} wierszy, nagłówek wymaga ${KSE_HEADER_LINES}`),
    );
    return { ok: false, issues };
  }
  const reader = new KseFieldReader(lines);
  const header = readHeader(reader);
  const itemLines = lines.length - KSE_HEADER_LINES;
  const fullBlocks = Math.floor(itemLines / KSE_BLOCK_LINES);
  const rest = itemLines % KSE_BLOCK_LINES;
  if (fullBlocks === 0 && rest === 0) {
    issues.push(kseIssue(KSE_HEADER_LINES + 1, 'KSE_NO_ITEMS', 'brak pozycji faktury (blok 50 wierszy od wiersza 27)'));
  }
  if (rest !== 0) {
    const start = KSE_HEADER_LINES + fullBlocks * KSE_BLOCK_LINES + 1;
    issues.push(
      kseIssue(
        start,
        'KSE_BLOCK_LENGTH',
        `blok pozycji nr ${fullBlocks + 1} ma ${rest} wierszy zamiast ${KSE_BLOCK_LINES}`,
      ),
    );
  }
  const items: KseItem[] = [];
  for (let block = 0; block < fullBlocks; block++) {
    items.push(readItem(reader, KSE_HEADER_LINES + block * KSE_BLOCK_LINES));
  }
  issues.push(...reader.issues);
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.line - b.line) };
  return { ok: true, document: { header, items } };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  // The last line ends with CRLF too, which leaves one empty element behind.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function firstBareLf(text: string): number {
  const index = text.search(/(^|[^\r])\n/);
  return text.slice(0, index + 1).split('\n').length;
}

function readHeader(r: KseFieldReader): KseHeader {
  return {
    sellerName: r.required(0, 'nazwa sprzedawcy'),
    sellerCity: r.text(1),
    sellerPostcode: r.text(2),
    sellerStreet: r.text(3),
    sellerSeat: r.text(4),
    sellerNip: readNip(r),
    isCorrection: r.boolean(6, 'korekta'),
    placeOfIssue: r.text(7),
    issueDate: r.date(8, 'data wystawienia', true) ?? '',
    invoiceNumber: r.required(9, 'numer faktury'),
    correctedInvoiceNumber: r.text(10),
    buyerName1: r.text(11),
    buyerName2: r.text(12),
    buyerCity: r.text(13),
    buyerPostcode: r.text(14),
    buyerStreet: r.text(15),
    buyerId: r.text(16),
    paymentForm: r.text(17),
    paymentDueDate: r.date(18, 'termin płatności', false),
    saleDate: r.date(19, 'data sprzedaży', false),
    amountPaid: r.decimal(20, 'zapłacono', '0'),
    grossTotal: r.decimal(21, 'wartość brutto faktury', null),
    leftToPay: r.decimal(22, 'pozostało do zapłaty', '0'),
    remarks: [r.text(23), r.text(24), r.text(25)],
  };
}

function readNip(r: KseFieldReader): string {
  const raw = r.required(5, 'NIP sprzedawcy');
  const digits = raw.replace(/[\s-]/g, '');
  if (raw !== '' && !/^\d{10}$/.test(digits)) {
    r.fail(5, 'KSE_BAD_NUMBER', `NIP sprzedawcy musi mieć 10 cyfr, jest „${raw}”`);
  }
  return digits;
}

function readItem(r: KseFieldReader, base: number): KseItem {
  const classification = r.text(base + O.classification);
  const repeated = r.text(base + O.classificationRepeated);
  if (repeated !== classification) {
    r.fail(
      base + O.classificationRepeated,
      'KSE_PKWIU_MISMATCH',
      `PKWiU/CN „${repeated}” różni się od podanego w wierszu ${base + O.classification + 1} („${classification}”)`,
    );
  }
  const unitPrice = r.text(base + O.unitNetPrice);
  return {
    barcode: r.text(base + O.barcode),
    gtu: r.text(base + O.gtu),
    lineNumber: r.text(base + O.lineNumber),
    name: r.required(base + O.name, 'nazwa towaru lub usługi'),
    classification,
    unit: r.text(base + O.unit),
    quantity: r.decimal(base + O.quantity, 'ilość', null),
    netValue: r.decimal(base + O.netValue, 'wartość netto', null),
    vatRate: readVatRate(r, base + O.vatRate),
    vatAmount: r.decimal(base + O.vatAmount, 'kwota VAT', null),
    grossValue: r.decimal(base + O.grossValue, 'wartość brutto', null),
    unitNetPrice: unitPrice === '' ? null : r.decimal(base + O.unitNetPrice, 'cena jednostkowa netto', null),
    firstLine: base + 1,
  };
}

function readVatRate(r: KseFieldReader, index: number): KseVatRate {
  const raw = r.text(index).toLowerCase().replace(/%$/, '');
  const rate = KSE_VAT_RATES.find((candidate) => candidate === raw);
  if (!rate) {
    r.fail(
      index,
      'KSE_BAD_VAT_RATE',
      `nieznana stawka VAT „${r.text(index)}” (dozwolone: ${KSE_VAT_RATES.join(', ')})`,
    );
    return '23';
  }
  return rate;
}
