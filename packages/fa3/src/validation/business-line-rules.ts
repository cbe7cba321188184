import Decimal from 'decimal.js';
import type { Fa } from '../model/fa.model';
import type { InvoiceLine } from '../model/fa-line.model';
import { OSS_BUCKET, VAT_BUCKETS, type VatBucket } from '../model/vat-buckets';
import { step } from './issue-path';
import { issue, type ValidationIssue } from './validation-issue';

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal from a model string; undefined when absent or not a plain decimal (the XSD layer reports those). */
export function decimalOf(value: string | undefined): Decimal | undefined {
  return value !== undefined && DECIMAL.test(value) ? new Decimal(value) : undefined;
}

export function lineBucket(line: InvoiceLine): VatBucket | undefined {
  if (line.P_12) return VAT_BUCKETS[line.P_12];
  return line.P_12_XII !== undefined ? OSS_BUCKET : undefined;
}

/** In corrections, lines marked StanPrzed hold the state before the correction and count negatively. */
export function lineSign(fa: Fa, line: InvoiceLine): number {
  return fa.RodzajFaktury.startsWith('KOR') && line.StanPrzed === '1' ? -1 : 1;
}

/** Line numbering and quantity × price = value (within a grosz). */
export function checkLines(fa: Fa): ValidationIssue[] {
  const lines = fa.FaWiersz ?? [];
  const issues: ValidationIssue[] = [];
  const numbers = new Set<string>();
  lines.forEach((line, i) => {
    const path = `Faktura/Fa/${step('FaWiersz', i, lines.length)}`;
    if (numbers.has(line.NrWierszaFa)) {
      issues.push(
        issue(
          'business',
          'warning',
          'BIZ_LINE_NUMBER_DUPLICATE',
          `${path}/NrWierszaFa`,
          `Powtórzony numer wiersza ${line.NrWierszaFa}.`,
        ),
      );
    }
    numbers.add(line.NrWierszaFa);
    const quantity = decimalOf(line.P_8B);
    if (!quantity || line.P_10 !== undefined) return; // a discount makes quantity × price differ legitimately
    const pairs: [string | undefined, string | undefined, string][] = [
      [line.P_9A, line.P_11, 'P_11'],
      [line.P_9B, line.P_11A, 'P_11A'],
    ];
    for (const [price, value, field] of pairs) {
      const p = decimalOf(price);
      const v = decimalOf(value);
      if (!p || !v) continue;
      const expected = quantity.times(p).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (expected.minus(v).abs().gt(0.01)) {
        issues.push(
          issue(
            'business',
            'warning',
            'BIZ_LINE_VALUE_MISMATCH',
            `${path}/${field}`,
            `Wartość ${field} (${v.toFixed(2)}) różni się od ilości × ceny (${expected.toFixed(2)}).`,
          ),
        );
      }
    }
  });
  return issues;
}
