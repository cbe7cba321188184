import { randomBytes } from 'node:crypto';
import { crc8Hex } from './crc8';
import { warsawDay } from './dates';

/** Type codes seen in KSeF reference numbers. */
export type ReferenceType = 'CR' | 'AU' | 'SO' | 'SB' | 'EE' | 'EU' | 'EC' | 'EG' | 'EH';

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase();
}

/** `YYYYMMDD-TT-HHHHHHHHHH-HHHHHHHHHH-CC`, the last two hex chars a CRC-8 over the first 33. */
export function newReferenceNumber(type: ReferenceType, epochMs: number): string {
  const body = `${warsawDay(epochMs).replaceAll('-', '')}-${type}-${hex(5)}-${hex(5)}`;
  return `${body}-${crc8Hex(body)}`;
}

/** `NNNNNNNNNN-YYYYMMDD-TTTTTTTTTTTT-CC` with the CRC-8 over the first 32 characters. */
export function newKsefNumber(sellerNip: string, epochMs: number): string {
  const body = `${sellerNip}-${warsawDay(epochMs).replaceAll('-', '')}-01${hex(5)}`;
  return `${body}-${crc8Hex(body)}`;
}

export function isValidKsefNumber(value: string): boolean {
  const match = /^(\d{10}-\d{8}-[0-9A-F]{12})-([0-9A-F]{2})$/.exec(value);
  return match !== null && crc8Hex(match[1]!) === match[2];
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

export function isValidNipChecksum(nip: string): boolean {
  if (!/^\d{10}$/.test(nip)) return false;
  const sum = NIP_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(nip[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]);
}
