import Decimal from 'decimal.js';

/** `1493.4` -> `1 493,40`: Polish grouping and decimal comma, always two decimals. */
export function formatAmount(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return formatDecimal(new Decimal(value).toFixed(2));
}

/** Quantities and unit prices keep their own precision: `2.5` -> `2,5`, `1234.56789` -> `1 234,56789`. */
export function formatNumber(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return formatDecimal(new Decimal(value).toString());
}

/** Unit prices: at least two decimals, more when the invoice has them (`400` -> `400,00`, `0.12345` -> `0,12345`). */
export function formatPrice(value: string | undefined): string {
  if (value === undefined || value === '') return '';
  const decimal = new Decimal(value);
  return formatDecimal(decimal.decimalPlaces() <= 2 ? decimal.toFixed(2) : decimal.toString());
}

function formatDecimal(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [integer = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

export function addAmounts(...values: (string | undefined)[]): string {
  return values.reduce((sum, value) => (value ? sum.plus(value) : sum), new Decimal(0)).toFixed(2);
}

/** `2026-01-15T10:20:30.456+01:00` -> `2026-01-15 10:20:30` (as written, no time-zone conversion). */
export function formatDateTime(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(value);
  return match ? `${match[1]} ${match[2]}` : value;
}
