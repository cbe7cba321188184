import { KSE_BLOCK_LINES, KSE_ITEM_OFFSETS as O, type KseDocument, type KseItem } from './kse-document';
import { encodeKseText, type KseEncoding } from './kse-encoding';

/** Writes the KSE text (CRLF after every line), the inverse of {@link parseKseText}. */
export function writeKseText(document: KseDocument): string {
  const h = document.header;
  const lines = [
    h.sellerName,
    h.sellerCity,
    h.sellerPostcode,
    h.sellerStreet,
    h.sellerSeat,
    h.sellerNip,
    h.isCorrection ? 'TRUE' : 'FALSE',
    h.placeOfIssue,
    kseDate(h.issueDate),
    h.invoiceNumber,
    h.correctedInvoiceNumber,
    h.buyerName1,
    h.buyerName2,
    h.buyerCity,
    h.buyerPostcode,
    h.buyerStreet,
    h.buyerId,
    h.paymentForm,
    kseDate(h.paymentDueDate),
    kseDate(h.saleDate),
    h.amountPaid,
    h.grossTotal,
    h.leftToPay,
    ...h.remarks,
  ];
  for (const item of document.items) lines.push(...itemBlock(item));
  return lines.map((line) => `${line}\r\n`).join('');
}

export function writeKseBytes(document: KseDocument, encoding: KseEncoding): Uint8Array {
  return encodeKseText(writeKseText(document), encoding);
}

function itemBlock(item: KseItem): string[] {
  const block = new Array<string>(KSE_BLOCK_LINES).fill('');
  block[O.barcode] = item.barcode;
  block[O.gtu] = item.gtu;
  block[O.lineNumber] = item.lineNumber;
  block[O.name] = item.name;
  block[O.classification] = item.classification;
  block[O.unit] = item.unit;
  block[O.quantity] = item.quantity;
  block[O.netValue] = item.netValue;
  block[O.vatRate] = item.vatRate;
  block[O.vatAmount] = item.vatAmount;
  block[O.grossValue] = item.grossValue;
  block[O.unitNetPrice] = item.unitNetPrice ?? '';
  block[O.classificationRepeated] = item.classification;
  return block;
}

function kseDate(iso: string | null): string {
  return iso === null ? '' : iso.replaceAll('-', '.');
}
