import type { VatRate } from './common.model';
import type { Fa } from './fa.model';

type AmountField = {
  [K in keyof Fa]-?: K extends `P_13_${string}` | `P_14_${string}` ? K : never;
}[keyof Fa];

/** Where the totals of one VAT rate go in Fa: net in P_13_x, tax in P_14_x (none for 0 %, exempt, np, oo). */
export interface VatBucket {
  net: AmountField;
  vat?: AmountField;
  /** VAT in PLN when the invoice is in a foreign currency. */
  vatPln?: AmountField;
  /** Percentage used to compute the tax; 0 when no Polish VAT is charged. */
  percent: number;
}

const bucket = (n: string, percent: number, withVat: boolean, withPln = withVat): VatBucket => ({
  net: `P_13_${n}` as AmountField,
  ...(withVat ? { vat: `P_14_${n}` as AmountField } : {}),
  ...(withPln ? { vatPln: `P_14_${n}W` as AmountField } : {}),
  percent,
});

/** P_12 value -> Fa fields (art. 106e: 23/22 % share P_13_1, 8/7 % P_13_2, 5 % P_13_3, taxi 4/3 % P_13_4). */
export const VAT_BUCKETS: Record<VatRate, VatBucket> = {
  '23': bucket('1', 23, true),
  '22': bucket('1', 22, true),
  '8': bucket('2', 8, true),
  '7': bucket('2', 7, true),
  '5': bucket('3', 5, true),
  '4': bucket('4', 4, true),
  '3': bucket('4', 3, true),
  '0 KR': bucket('6_1', 0, false),
  '0 WDT': bucket('6_2', 0, false),
  '0 EX': bucket('6_3', 0, false),
  zw: bucket('7', 0, false),
  'np I': bucket('8', 0, false),
  'np II': bucket('9', 0, false),
  oo: bucket('10', 0, false),
};

/** OSS procedure lines (P_12_XII) go to P_13_5 / P_14_5. */
export const OSS_BUCKET: VatBucket = { net: 'P_13_5', vat: 'P_14_5', percent: 0 };

/** Every P_13_x / P_14_x field, in schema order: P_15 should equal their sum. */
export const SUMMARY_FIELDS: readonly AmountField[] = [
  'P_13_1', 'P_14_1', 'P_13_2', 'P_14_2', 'P_13_3', 'P_14_3', 'P_13_4', 'P_14_4', 'P_13_5', 'P_14_5',
  'P_13_6_1', 'P_13_6_2', 'P_13_6_3', 'P_13_7', 'P_13_8', 'P_13_9', 'P_13_10', 'P_13_11',
]; // prettier-ignore
