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

/** Today's date (YYYY-MM-DD) in Poland, the calendar KSeF dates use. */
export function warsawDate(now: Date): string {
  return WARSAW_DATE.format(now);
}
