import Decimal from 'decimal.js';
import { GTU_CODES, type PaymentForm, type VatRate } from '../model/common.model';
import { type KseVatRate } from './kse-document';

/** Amount in the FA(3) lexical form with exactly two decimals (KSE writes e.g. `12.5`). */
export function amount(value: string): string {
  return new Decimal(value).toFixed(2);
}

/** Quantities and unit prices keep their precision, only trailing zeros beyond two decimals go. */
export function preciseNumber(value: string): string {
  const decimal = new Decimal(value);
  return decimal.decimalPlaces() <= 2 ? decimal.toFixed(2) : decimal.toString();
}

export function sumAmounts(values: readonly string[]): string {
  return values.reduce((sum, value) => sum.plus(value), new Decimal(0)).toFixed(2);
}

/** KSE rate -> P_12. A plain "0" in a domestic DOS-era file is the domestic 0 % rate. */
export const VAT_RATE_TO_FA: Readonly<Record<KseVatRate, VatRate>> = {
  '23': '23',
  '8': '8',
  '5': '5',
  '0': '0 KR',
  zw: 'zw',
};

/** "GTU_01", "GTU 1", "01", "1" -> "GTU_01"; null when it is not one of GTU_01..GTU_13. */
export function normaliseGtu(raw: string): (typeof GTU_CODES)[number] | null {
  const match = /^(?:GTU[_\s-]?)?0?(\d{1,2})$/i.exec(raw.trim());
  if (!match) return null;
  const code = `GTU_${match[1]!.padStart(2, '0')}`;
  return GTU_CODES.find((candidate) => candidate === code) ?? null;
}

const PAYMENT_KEYWORDS: readonly [RegExp, PaymentForm][] = [
  [/got[oó]w/i, '1'],
  [/kart/i, '2'],
  [/bon/i, '3'],
  [/czek/i, '4'],
  [/kredyt/i, '5'],
  [/przelew/i, '6'],
  [/mobil|blik/i, '7'],
];

/** Free-text payment form from the KSE file -> FormaPlatnosci code, or null for "other". */
export function paymentFormCode(text: string): PaymentForm | null {
  return PAYMENT_KEYWORDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

/** Line 4 of an item holds PKWiU or CN; PKWiU symbols have dots (10.71.11.0), CN codes are digits (2203 00 01). */
export function classificationKind(code: string): 'PKWiU' | 'CN' {
  return code.includes('.') ? 'PKWiU' : 'CN';
}
