import Decimal from 'decimal.js';
import { type BuyerId, EU_COUNTRY_CODES } from '../model/common.model';
import { type Annotations } from '../model/fa-annotations.model';
import { type InvoiceLine } from '../model/fa-line.model';
import { type Payment } from '../model/fa-settlement.model';
import { type Fa } from '../model/fa.model';
import { type Invoice } from '../model/invoice.model';
import { type Buyer } from '../model/party.model';
import { KSE_ITEM_OFFSETS as O, type KseDocument, type KseHeader, type KseIssue, type KseItem } from './kse-document';
import { kseIssue } from './kse-fields';
import {
  VAT_RATE_TO_FA,
  amount,
  classificationKind,
  normaliseGtu,
  paymentFormCode,
  preciseNumber,
  sumAmounts,
} from './kse-values';

export interface KseConversionOptions {
  /** DataWytworzeniaFa; defaults to now. */
  createdAt?: Date;
  /** KSE carries no date nor KSeF number of the corrected invoice; supply them for a correction when known. */
  correctedInvoice?: { issueDate: string; ksefNumber?: string };
  /** Legal basis for exempt (zw) lines (P_19A); KSE has no field for it. */
  exemptionBasis?: string;
  /** Naglowek/SystemInfo. */
  systemInfo?: string;
}

export interface KseConversion {
  invoice: Invoice;
  /** Things KSeF would accept but a person should look at (amounts that do not add up, assumed dates). */
  warnings: KseIssue[];
}

/** 1-based lines of the header fields that conversion warnings point at. */
const LINE = { correctedNumber: 11, grossTotal: 22 } as const;

/** Maps a parsed KSE document to an FA(3) invoice, keeping the amounts exactly as the legacy system computed them. */
export function kseToInvoice(document: KseDocument, options: KseConversionOptions = {}): KseConversion {
  const warnings: KseIssue[] = [];
  const { header, items } = document;
  const invoice: Invoice = {
    Naglowek: {
      WariantFormularza: '3',
      DataWytworzeniaFa: (options.createdAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      SystemInfo: options.systemInfo ?? 'Bufor (import KSE)',
    },
    Podmiot1: {
      DaneIdentyfikacyjne: { NIP: header.sellerNip, Nazwa: header.sellerName },
      Adres: polishAddress(header.sellerStreet || header.sellerSeat, header.sellerPostcode, header.sellerCity),
    },
    Podmiot2: buyer(header),
    Fa: fa(header, items, options, warnings),
  };
  return { invoice, warnings };
}

function fa(header: KseHeader, items: KseItem[], options: KseConversionOptions, warnings: KseIssue[]): Fa {
  const lines = items.map((item, index) => line(item, index, warnings));
  const remarks = header.remarks.filter((text) => text !== '').join(' ');
  const result: Fa = {
    KodWaluty: 'PLN',
    P_1: header.issueDate,
    ...(header.placeOfIssue ? { P_1M: header.placeOfIssue } : {}),
    P_2: header.invoiceNumber,
    ...(header.saleDate ? { P_6: header.saleDate } : {}),
    ...vatSums(items),
    P_15: amount(header.grossTotal),
    Adnotacje: annotations(items, options, warnings),
    RodzajFaktury: header.isCorrection ? 'KOR' : 'VAT',
    FaWiersz: lines,
  };
  const itemsGross = sumAmounts(items.map((item) => item.grossValue));
  if (!new Decimal(itemsGross).equals(header.grossTotal)) {
    warnings.push(
      kseIssue(
        LINE.grossTotal,
        'KSE_AMOUNT_MISMATCH',
        `wartość brutto faktury ${amount(header.grossTotal)} różni się od sumy pozycji ${itemsGross}`,
      ),
    );
  }
  if (header.isCorrection) {
    if (remarks) result.PrzyczynaKorekty = remarks;
    const corrected = options.correctedInvoice;
    if (!corrected) {
      warnings.push(
        kseIssue(
          LINE.correctedNumber,
          'KSE_REQUIRED',
          'plik KSE nie podaje daty faktury korygowanej; przyjęto datę wystawienia korekty',
        ),
      );
    }
    result.DaneFaKorygowanej = [
      {
        DataWystFaKorygowanej: corrected?.issueDate ?? header.issueDate,
        NrFaKorygowanej: header.correctedInvoiceNumber || header.invoiceNumber,
        ...(corrected?.ksefNumber ? { NrKSeF: '1', NrKSeFFaKorygowanej: corrected.ksefNumber } : { NrKSeFN: '1' }),
      },
    ];
  } else if (remarks) {
    result.DodatkowyOpis = [{ Klucz: 'Uwagi', Wartosc: remarks }];
  }
  const payment = paymentOf(header);
  if (payment) result.Platnosc = payment;
  return result;
}

function vatSums(items: KseItem[]): Partial<Fa> {
  const net = (rate: KseItem['vatRate']) => items.filter((i) => i.vatRate === rate).map((i) => i.netValue);
  const vat = (rate: KseItem['vatRate']) => items.filter((i) => i.vatRate === rate).map((i) => i.vatAmount);
  const has = (rate: KseItem['vatRate']) => items.some((i) => i.vatRate === rate);
  return {
    ...(has('23') ? { P_13_1: sumAmounts(net('23')), P_14_1: sumAmounts(vat('23')) } : {}),
    ...(has('8') ? { P_13_2: sumAmounts(net('8')), P_14_2: sumAmounts(vat('8')) } : {}),
    ...(has('5') ? { P_13_3: sumAmounts(net('5')), P_14_3: sumAmounts(vat('5')) } : {}),
    ...(has('0') ? { P_13_6_1: sumAmounts(net('0')) } : {}),
    ...(has('zw') ? { P_13_7: sumAmounts(net('zw')) } : {}),
  };
}

function line(item: KseItem, index: number, warnings: KseIssue[]): InvoiceLine {
  const number = /^[1-9]\d*$/.test(item.lineNumber) ? item.lineNumber : String(index + 1);
  const result: InvoiceLine = { NrWierszaFa: number, P_7: item.name };
  if (item.barcode) result.GTIN = item.barcode.slice(0, 20);
  if (item.classification) result[classificationKind(item.classification)] = item.classification;
  if (item.unit) result.P_8A = item.unit;
  result.P_8B = preciseNumber(item.quantity);
  if (item.unitNetPrice !== null) result.P_9A = preciseNumber(item.unitNetPrice);
  result.P_11 = amount(item.netValue);
  result.P_11Vat = amount(item.vatAmount);
  result.P_12 = VAT_RATE_TO_FA[item.vatRate];
  if (item.gtu) {
    const gtu = normaliseGtu(item.gtu);
    if (gtu) result.GTU = gtu;
    else warnings.push(kseIssue(item.firstLine + O.gtu, 'KSE_BAD_NUMBER', `nieznany kod GTU „${item.gtu}” pominięto`));
  }
  const gross = new Decimal(item.netValue).plus(item.vatAmount);
  if (!gross.equals(item.grossValue)) {
    warnings.push(
      kseIssue(
        item.firstLine + O.grossValue,
        'KSE_AMOUNT_MISMATCH',
        `pozycja ${number}: netto ${amount(item.netValue)} + VAT ${amount(item.vatAmount)} ≠ brutto ${amount(item.grossValue)}`,
      ),
    );
  }
  return result;
}

function annotations(items: KseItem[], options: KseConversionOptions, warnings: KseIssue[]): Annotations {
  const exempt = items.find((item) => item.vatRate === 'zw');
  if (exempt && !options.exemptionBasis) {
    warnings.push(
      kseIssue(
        exempt.firstLine + O.vatRate,
        'KSE_REQUIRED',
        'pozycja zwolniona z VAT, a plik KSE nie podaje podstawy zwolnienia (P_19A); uzupełnij ją przy imporcie',
      ),
    );
  }
  return {
    P_16: '2',
    P_17: '2',
    P_18: '2',
    P_18A: '2',
    Zwolnienie: exempt
      ? { P_19: '1', P_19A: options.exemptionBasis ?? 'podstawa zwolnienia nie podana w pliku KSE' }
      : { P_19N: '1' },
    NoweSrodkiTransportu: { P_22N: '1' },
    P_23: '2',
    PMarzy: { P_PMarzyN: '1' },
  };
}

function paymentOf(header: KseHeader): Payment | null {
  const payment: Payment = {};
  const paid = new Decimal(header.amountPaid);
  const left = new Decimal(header.leftToPay);
  if (paid.greaterThan(0) && left.lessThanOrEqualTo(0)) {
    payment.Zaplacono = '1';
    payment.DataZaplaty = header.issueDate;
  } else if (paid.greaterThan(0)) {
    payment.ZnacznikZaplatyCzesciowej = '1';
    payment.ZaplataCzesciowa = [
      { KwotaZaplatyCzesciowej: amount(header.amountPaid), DataZaplatyCzesciowej: header.issueDate },
    ];
  }
  if (header.paymentDueDate && left.greaterThan(0)) payment.TerminPlatnosci = [{ Termin: header.paymentDueDate }];
  if (header.paymentForm) {
    const code = paymentFormCode(header.paymentForm);
    if (code) payment.FormaPlatnosci = code;
    else Object.assign(payment, { PlatnoscInna: '1', OpisPlatnosci: header.paymentForm });
  }
  return Object.keys(payment).length > 0 ? payment : null;
}

function buyer(header: KseHeader): Buyer {
  const name = [header.buyerName1, header.buyerName2].filter((part) => part !== '').join(' ');
  const result: Buyer = {
    DaneIdentyfikacyjne: { ...buyerId(header.buyerId), ...(name ? { Nazwa: name } : {}) },
    JST: '2',
    GV: '2',
  };
  if (header.buyerStreet || header.buyerCity || header.buyerPostcode) {
    result.Adres = polishAddress(header.buyerStreet, header.buyerPostcode, header.buyerCity);
  }
  return result;
}

/** Line 16 holds a NIP (possibly "PL" and dashes), an EU VAT number, another id, or nothing. */
function buyerId(raw: string): BuyerId {
  const compact = raw.replace(/[\s-]/g, '').toUpperCase();
  if (compact === '') return { BrakID: '1' };
  const nip = /^(?:PL)?(\d{10})$/.exec(compact);
  if (nip) return { NIP: nip[1]! };
  const prefix = compact.slice(0, 2);
  const eu = EU_COUNTRY_CODES.find((code) => code === prefix && code !== 'PL');
  if (eu && /^[0-9A-Z+*]{2,12}$/.test(compact.slice(2))) return { KodUE: eu, NrVatUE: compact.slice(2) };
  return { NrID: raw.trim() };
}

function polishAddress(street: string, postcode: string, city: string): Invoice['Podmiot1']['Adres'] {
  const cityLine = [postcode, city].filter((part) => part !== '').join(' ');
  if (!street) return { KodKraju: 'PL', AdresL1: cityLine || '-' };
  return cityLine ? { KodKraju: 'PL', AdresL1: street, AdresL2: cityLine } : { KodKraju: 'PL', AdresL1: street };
}
