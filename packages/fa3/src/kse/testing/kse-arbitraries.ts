import fc from 'fast-check';
import Decimal from 'decimal.js';
import { KSE_VAT_RATES, type KseDocument, type KseItem } from '../index';

/**
 * fast-check generators of KSE documents whose amounts add up the way the legacy system writes them.
 * Test-only (specs and the fixture generator import it).
 */
const WORDS = [
  'Łódź', 'Żółć', 'gęśli', 'Świętokrzyska', 'Przedsiębiorstwo', 'Usługowe', 'Zakład', 'Spółka', 'źródło', 'Ćwikła',
  'Ślęża', 'żurek', 'łąka', 'Gdańsk', 'Kraków', 'Wrocław', 'Bożena', 'Jędrzej', 'mąka', 'cukier', 'chleb', 'róża',
  'ŻABKA', 'Rzeszów', 'Poznań', 'Handel', 'Hurt', 'Detal', 'Nowak', 'Kowalska', 'masło', 'jabłka', 'węgiel',
]; // prettier-ignore

export const polishWords = (max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: max }).map((words) => words.join(' '));

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** Valid NIP: nine digits, then the weighted checksum (drawn again when it is 10). */
export const nip = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .map((digits) => {
    const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
    const check = digits.reduce((sum, digit, i) => sum + digit * weights[i]!, 0) % 11;
    return { digits: digits.join(''), check };
  })
  // The XSD pattern also forbids a leading zero and "00" in the second and third digit.
  .filter(({ digits, check }) => check !== 10 && digits[0] !== '0' && digits.slice(1, 3) !== '00')
  .map(({ digits, check }) => `${digits}${check}`);

const RATE_PERCENT: Record<(typeof KSE_VAT_RATES)[number], number> = { '23': 23, '8': 8, '5': 5, '0': 0, zw: 0 };

const itemArbitrary = (negative: boolean) =>
  fc
    .record({
      barcode: fc.constantFrom('', '5901234123457', '5900000000017'),
      gtu: fc.constantFrom('', 'GTU_01', 'GTU_12'),
      name: polishWords(4),
      classification: fc.constantFrom('', '10.71.11.0', '22030001'),
      unit: fc.constantFrom('szt.', 'kg', 'godz.', 'usł.'),
      quantity: fc.integer({ min: 1, max: 500 }),
      unitPriceCents: fc.integer({ min: 1, max: 1_000_000 }),
      vatRate: fc.constantFrom(...KSE_VAT_RATES),
    })
    .map((draw): Omit<KseItem, 'lineNumber' | 'firstLine'> => {
      const sign = negative ? -1 : 1;
      const quantity = new Decimal(draw.quantity).times(sign);
      const unitPrice = new Decimal(draw.unitPriceCents).div(100);
      const net = unitPrice.times(quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      const vat = net.times(RATE_PERCENT[draw.vatRate]).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      return {
        barcode: draw.barcode,
        gtu: draw.gtu,
        name: draw.name,
        classification: draw.classification,
        unit: draw.unit,
        quantity: quantity.toString(),
        netValue: net.toFixed(2),
        vatRate: draw.vatRate,
        vatAmount: vat.toFixed(2),
        grossValue: net.plus(vat).toFixed(2),
        unitNetPrice: unitPrice.toFixed(2),
      };
    });

export const kseDocumentArbitrary: fc.Arbitrary<KseDocument> = fc
  .record({
    isCorrection: fc.boolean(),
    sellerName: polishWords(5),
    sellerCity: polishWords(2),
    sellerStreet: polishWords(3),
    sellerNip: nip,
    issueDate: isoDate,
    saleDate: fc.option(isoDate, { nil: null }),
    dueDate: fc.option(isoDate, { nil: null }),
    number: fc.integer({ min: 1, max: 99999 }),
    buyerName1: polishWords(3),
    buyerName2: fc.oneof(fc.constant(''), polishWords(2)),
    buyerId: fc.oneof(fc.constant(''), nip, fc.constant('DE123456789')),
    paymentForm: fc.constantFrom('', 'gotówka', 'przelew', 'karta płatnicza', 'barter'),
    paid: fc.constantFrom('none', 'all', 'part'),
    remarks: fc.tuple(fc.oneof(fc.constant(''), polishWords(4)), fc.constant(''), fc.constant('')),
  })
  .chain((header) =>
    fc.array(itemArbitrary(header.isCorrection), { minLength: 1, maxLength: 6 }).map((drafts): KseDocument => {
      const items = drafts.map((draft, index) => ({
        ...draft,
        lineNumber: String(index + 1),
        firstLine: 27 + index * 50,
      }));
      const gross = items.reduce((sum, item) => sum.plus(item.grossValue), new Decimal(0));
      const paid =
        header.paid === 'all' ? gross : header.paid === 'part' ? gross.div(2).toDecimalPlaces(2) : new Decimal(0);
      const paidAmount = gross.isNegative() ? new Decimal(0) : paid;
      return {
        header: {
          sellerName: header.sellerName,
          sellerCity: header.sellerCity,
          sellerPostcode: '00-950',
          sellerStreet: header.sellerStreet,
          sellerSeat: header.sellerCity,
          sellerNip: header.sellerNip,
          isCorrection: header.isCorrection,
          placeOfIssue: header.sellerCity,
          issueDate: header.issueDate,
          invoiceNumber: `${header.isCorrection ? 'KOR' : 'FV'}/${header.number}`,
          correctedInvoiceNumber: header.isCorrection ? `FV/${header.number}` : '',
          buyerName1: header.buyerName1,
          buyerName2: header.buyerName2,
          buyerCity: 'Kraków',
          buyerPostcode: '30-001',
          buyerStreet: 'ul. Długa 1',
          buyerId: header.buyerId,
          paymentForm: header.paymentForm,
          paymentDueDate: header.dueDate,
          saleDate: header.saleDate,
          amountPaid: paidAmount.toFixed(2),
          grossTotal: gross.toFixed(2),
          leftToPay: gross.minus(paidAmount).toFixed(2),
          remarks: header.remarks,
        },
        items,
      };
    }),
  );
