/** `NNNNNNNNNN-YYYYMMDD-TTTTTTTTTTTT-CC` (35 characters, KSeF 2.0). */
const KSEF_NUMBER = /^(\d{10})-(\d{4})(\d{2})(\d{2})-([0-9A-F]{12})-([0-9A-F]{2})$/;

/** CRC-8 with polynomial 0x07, initial value 0, no reflection, no final XOR (CRC-8/SMBUS). */
export function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** Checksum (two upper-case hex digits) over the first 32 characters `NIP-YYYYMMDD-TTTTTTTTTTTT`. */
export function ksefNumberChecksum(first32: string): string {
  return crc8(Buffer.from(first32, 'utf8')).toString(16).toUpperCase().padStart(2, '0');
}

export interface KsefNumberParts {
  nip: string;
  /** YYYY-MM-DD */
  date: string;
  technical: string;
  checksum: string;
}

/** Splits a well-formed KSeF number into its parts; undefined when the format or the checksum is wrong. */
export function parseKsefNumber(value: string): KsefNumberParts | undefined {
  const match = KSEF_NUMBER.exec(value);
  if (!match) return undefined;
  const [, nip, year, month, day, technical, checksum] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  if (ksefNumberChecksum(value.slice(0, 32)) !== checksum) return undefined;
  return { nip, date: `${year}-${month}-${day}`, technical, checksum };
}

/** True for a KSeF 2.0 number with a valid date part and CRC-8 checksum. */
export function isValidKsefNumber(value: string): boolean {
  return parseKsefNumber(value) !== undefined;
}

export interface GenerateKsefNumberInput {
  nip: string;
  /** YYYY-MM-DD (the date KSeF accepted the invoice). */
  date: string;
  /** 12 upper-case hex digits; random when omitted. */
  technical?: string;
}

/** Builds a KSeF number with its checksum (used by the simulator and in tests). */
export function generateKsefNumber({ nip, date, technical }: GenerateKsefNumberInput): string {
  if (!/^\d{10}$/.test(nip)) throw new RangeError('NIP must be 10 digits');
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!day || !isCalendarDate(Number(day[1]), Number(day[2]), Number(day[3]))) {
    throw new RangeError('date must be a YYYY-MM-DD calendar date');
  }
  const tech = technical ?? randomHex12();
  if (!/^[0-9A-F]{12}$/.test(tech)) throw new RangeError('technical part must be 12 upper-case hex digits');
  const first32 = `${nip}-${day[1]}${day[2]}${day[3]}-${tech}`;
  return `${first32}-${ksefNumberChecksum(first32)}`;
}

function randomHex12(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('hex').toUpperCase();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
