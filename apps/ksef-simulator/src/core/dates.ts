// KSeF prints date-times with 7 fractional digits and an explicit offset (e.g. 2025-07-11T12:23:56.0154302+00:00).
export function isoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '0000+00:00');
}

const warsawDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Calendar day in Europe/Warsaw as YYYY-MM-DD (KSeF numbers, the auto-offline rule). */
export function warsawDay(epochMs: number): string {
  return warsawDate.format(new Date(epochMs));
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
