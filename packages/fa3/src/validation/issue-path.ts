/** Path step for an element of a repeated group: indexed (1-based) only when there are several, like the XSD layer. */
export function step(name: string, index: number, count: number): string {
  return count > 1 ? `${name}[${index + 1}]` : name;
}

// Creating an Intl formatter costs more than a whole business-rule pass, so it is built once.
const WARSAW_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let cachedHour = Number.NaN;
let cachedDate = '';

/**
 * Today's date (YYYY-MM-DD) in Poland, the calendar KSeF dates use. Polish midnight and the DST changes both fall on
 * a whole UTC hour, so the formatted date is cached per UTC hour (formatting cost ~20 µs per call).
 */
export function warsawDate(now: Date): string {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (hour !== cachedHour) {
    cachedDate = WARSAW_DATE.format(now);
    cachedHour = hour;
  }
  return cachedDate;
}
