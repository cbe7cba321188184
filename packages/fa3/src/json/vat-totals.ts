import { Decimal } from './exact-decimal';
import type { VatRate } from '../model/common.model';
import type { Fa } from '../model/fa.model';
import { VAT_BUCKETS } from '../model/vat-buckets';

/** Polish rounding of tax amounts: to the grosz, half a grosz and more goes up (away from zero), art. 106e ust. 11. */
export function roundGrosz(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

export function money(value: Decimal): string {
  return value.toFixed(2);
}

export interface RateTotal {
  rate: VatRate;
  net: Decimal;
  vat: Decimal;
}

/**
 * Totals per VAT rate from line values. Net pricing: tax = round(net sum × rate). Gross pricing (art. 106e ust. 7-8):
 * tax = round(gross sum × rate / (100 + rate)), net = gross − tax. Tax is computed once per rate, not per line.
 */
export function totalsPerRate(lines: { rate: VatRate; value: Decimal }[], pricing: 'net' | 'gross'): RateTotal[] {
  const sums = new Map<VatRate, Decimal>();
  for (const line of lines) sums.set(line.rate, (sums.get(line.rate) ?? new Decimal(0)).plus(line.value));
  return [...sums].map(([rate, sum]) => {
    const percent = VAT_BUCKETS[rate].percent;
    if (pricing === 'net') return { rate, net: sum, vat: roundGrosz(sum.times(percent).dividedBy(100)) };
    const vat = roundGrosz(sum.times(percent).dividedBy(100 + percent));
    return { rate, net: sum.minus(vat), vat };
  });
}

/** P_13_x / P_14_x (and P_14_xW for a foreign currency) and P_15 from the per-rate totals. */
export function summaryFields(totals: RateTotal[], plnRate?: Decimal): { fields: Partial<Fa>; gross: Decimal } {
  const net = new Map<string, Decimal>();
  const vat = new Map<string, Decimal>();
  const vatPln = new Map<string, Decimal>();
  let gross = new Decimal(0);
  for (const total of totals) {
    const bucket = VAT_BUCKETS[total.rate];
    net.set(bucket.net, (net.get(bucket.net) ?? new Decimal(0)).plus(total.net));
    gross = gross.plus(total.net).plus(total.vat);
    if (bucket.vat) vat.set(bucket.vat, (vat.get(bucket.vat) ?? new Decimal(0)).plus(total.vat));
    if (bucket.vatPln && plnRate) {
      vatPln.set(
        bucket.vatPln,
        (vatPln.get(bucket.vatPln) ?? new Decimal(0)).plus(roundGrosz(total.vat.times(plnRate))),
      );
    }
  }
  const fields: Record<string, string> = {};
  for (const map of [net, vat, vatPln]) for (const [field, value] of map) fields[field] = money(value);
  return { fields, gross };
}
