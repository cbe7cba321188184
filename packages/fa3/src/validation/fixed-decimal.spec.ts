import DecimalBase from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixed, formatAmount, multiplyToGrosz, percentToGrosz, toGrosz } from './fixed-decimal';

const decimalString = (fraction: number) =>
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.stringMatching(new RegExp(`^\\d{0,${fraction}}$`)))
    .map(([negative, whole, frac]) => `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);

// Default precision (20 digits) would round 16-digit amounts × quantities; the reference must be exact.
const Decimal = DecimalBase.clone({ precision: 60 });
const grosz = (d: DecimalBase) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

describe('fixed decimal arithmetic', () => {
  it('parses plain decimals only', () => {
    expect(fixed('12.5')).toBe(1_250_000_000n);
    expect(fixed('-0.00000001')).toBe(-1n);
    expect([fixed('1e5'), fixed('1.123456789'), fixed(' 1'), fixed(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('reads every lexical form exactly as a bigint reference does, on both sides of its fast path', () => {
    const reference = (value: string): bigint | undefined => {
      const match = /^(-?)(\d{1,18})(?:\.(\d{1,8}))?$/.exec(value);
      if (!match) return undefined;
      const magnitude = BigInt(match[2]!) * 100_000_000n + BigInt((match[3] ?? '').padEnd(8, '0'));
      return match[1] ? -magnitude : magnitude;
    };
    const digits = (max: number) => fc.stringMatching(new RegExp(`^\\d{0,${max}}$`));
    const candidate = fc
      .tuple(
        fc.constantFrom('', '-', '+', ' '),
        digits(19),
        fc.constantFrom('', '.', ','),
        digits(10),
        fc.constantFrom('', 'e5', ' '),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(candidate, (value) => {
        expect(fixed(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
    expect(fixed('9999999.99999999')).toBe(999_999_999_999_999n);
    expect(fixed('10000000.5')).toBe(1_000_000_050_000_000n);
  });

  it('rounds half a grosz away from zero', () => {
    expect(formatAmount(toGrosz(fixed('0.005')!))).toBe('0.01');
    expect(formatAmount(toGrosz(fixed('-0.005')!))).toBe('-0.01');
    expect(formatAmount(toGrosz(fixed('0.00499999')!))).toBe('0.00');
    expect(formatAmount(percentToGrosz(fixed('0.50')!, 5))).toBe('0.03');
  });

  it('agrees with decimal.js on products and tax amounts', () => {
    fc.assert(
      fc.property(decimalString(6), decimalString(8), fc.constantFrom(23, 8, 5, 4), (q, p, rate) => {
        expect(formatAmount(multiplyToGrosz(fixed(q)!, fixed(p)!))).toBe(grosz(new Decimal(q).times(p)));
        expect(formatAmount(percentToGrosz(fixed(p)!, rate))).toBe(grosz(new Decimal(p).times(rate).dividedBy(100)));
        expect(formatAmount(percentToGrosz(fixed(p)!, rate, 100 + rate))).toBe(
          grosz(new Decimal(p).times(rate).dividedBy(100 + rate)),
        );
      }),
    );
  });
});
