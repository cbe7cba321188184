/**
 * Exact decimal arithmetic on bigint for the hot validation path (decimal.js cost ~0.5 µs per operation, which made
 * the business layer the slowest step). A value is an integer count of 10^-8 (the finest FA(3) scale, TKwotowy2).
 */
export const SCALE = 100_000_000n;
const GROSZ = 1_000_000n; // 0.01 at SCALE

const DECIMAL = /^(-?)(\d{1,18})(?:\.(\d{1,8}))?$/;

/** Parses a plain decimal with at most 8 fraction digits; undefined otherwise (the XSD layer reports bad values). */
export function fixed(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const match = DECIMAL.exec(value);
  if (!match) return undefined;
  const magnitude = BigInt(match[2]!) * SCALE + BigInt((match[3] ?? '').padEnd(8, '0'));
  return match[1] ? -magnitude : magnitude;
}

/** numerator / denominator rounded half away from zero (the Polish rule for tax amounts). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/** Rounds a SCALE value to whole grosze (still at SCALE). */
export function toGrosz(value: bigint): bigint {
  return divideRounded(value, GROSZ) * GROSZ;
}

/** a × b for two SCALE values, rounded to grosze. */
export function multiplyToGrosz(a: bigint, b: bigint): bigint {
  return divideRounded(a * b, SCALE * GROSZ) * GROSZ;
}

/** value × percent / divisorPercent, rounded to grosze (percent values are plain numbers such as 23). */
export function percentToGrosz(value: bigint, percent: number, divisorPercent = 100): bigint {
  return divideRounded(value * BigInt(percent), BigInt(divisorPercent) * GROSZ) * GROSZ;
}

export function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

/** Formats a SCALE value with two decimals, for messages. */
export function formatAmount(value: bigint): string {
  const grosze = divideRounded(value, GROSZ);
  const sign = grosze < 0n ? '-' : '';
  const digits = abs(grosze).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** One grosz at SCALE. */
export const ONE_GROSZ = GROSZ;
