/** Path step for an element of a repeated group: indexed (1-based) only when there are several, like the XSD layer. */
export function step(name: string, index: number, count: number): string {
  return count > 1 ? `${name}[${index + 1}]` : name;
}

/** Today's date (YYYY-MM-DD) in Poland, the calendar KSeF dates use. */
export function warsawDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
