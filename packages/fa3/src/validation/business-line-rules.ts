import type { Fa } from '../model/fa.model';
import type { InvoiceLine } from '../model/fa-line.model';
import { OSS_BUCKET, VAT_BUCKETS, type VatBucket } from '../model/vat-buckets';
import { abs, fixed, formatAmount, multiplyToGrosz, ONE_GROSZ } from './fixed-decimal';
import { step } from './issue-path';
import { issue, type ValidationIssue } from './validation-issue';

export function lineBucket(line: InvoiceLine): VatBucket | undefined {
  if (line.P_12) return VAT_BUCKETS[line.P_12];
  return line.P_12_XII !== undefined ? OSS_BUCKET : undefined;
}

/** In corrections, lines marked StanPrzed hold the state before the correction and count negatively. */
export function lineSign(fa: Fa, line: InvoiceLine): bigint {
  return fa.RodzajFaktury.startsWith('KOR') && line.StanPrzed === '1' ? -1n : 1n;
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
    const quantity = fixed(line.P_8B);
    if (quantity === undefined || line.P_10 !== undefined) return; // a discount legitimately changes the value
    const pairs: [string | undefined, string | undefined, string][] = [
      [line.P_9A, line.P_11, 'P_11'],
      [line.P_9B, line.P_11A, 'P_11A'],
    ];
    for (const [price, value, field] of pairs) {
      const p = fixed(price);
      const v = fixed(value);
      if (p === undefined || v === undefined) continue;
      const expected = multiplyToGrosz(quantity, p);
      if (abs(expected - v) > ONE_GROSZ) {
        issues.push(
          issue(
            'business',
            'warning',
            'BIZ_LINE_VALUE_MISMATCH',
            `${path}/${field}`,
            `Wartość ${field} (${formatAmount(v)}) różni się od ilości × ceny (${formatAmount(expected)}).`,
          ),
        );
      }
    }
  });
  return issues;
}
