/**
 * Exact decimal arithmetic on bigint for the hot validation path (decimal.js cost ~0.5 µs per operation, which made
 * the business layer the slowest step). A value is an integer count of 10^-8 (the finest FA(3) scale, TKwotowy2).
 */
export const SCALE = 100_000_000n;
const GROSZ = 1_000_000n; // 0.01 at SCALE

const DECIMAL = /^(-?)(\d{1,18})(?:\.(\d{1,8}))?$/;
const FRACTION_SCALE = [1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

/**
 * Parses a plain decimal with at most 8 fraction digits; undefined otherwise (the XSD layer reports bad values).
 * Values below 10^7 (every realistic line amount) are read with float-free integer arithmetic on numbers, exact
 * below 2^53, and converted once: parsing digit strings into bigint dominated the business layer.
 */
export function fixed(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const length = value.length;
  const negative = value.charCodeAt(0) === 0x2d; /* - */
  let i = negative ? 1 : 0;
  let whole = 0;
  const wholeStart = i;
  for (let c = value.charCodeAt(i); c >= 0x30 && c <= 0x39; c = value.charCodeAt(++i)) whole = whole * 10 + c - 0x30;
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > 7) return fixedSlow(value);
  let fraction = 0;
  let fractionDigits = 0;
  if (i < length) {
    if (value.charCodeAt(i) !== 0x2e /* . */) return undefined;
    for (let c = value.charCodeAt(++i); c >= 0x30 && c <= 0x39; c = value.charCodeAt(++i)) {
      fraction = fraction * 10 + c - 0x30;
      fractionDigits++;
    }
    if (i < length || fractionDigits === 0 || fractionDigits > 8) return undefined;
  }
  const magnitude = BigInt(whole * 1e8 + fraction * FRACTION_SCALE[fractionDigits]!);
  return negative ? -magnitude : magnitude;
}

function fixedSlow(value: string): bigint | undefined {
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
