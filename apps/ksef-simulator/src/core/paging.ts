import { KsefError, validationError } from './errors';

/** Continuation tokens are opaque to clients; here they carry the next offset. Malformed -> 400 21418. */
export function readContinuationToken(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 0;
  const match = /^o(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw new KsefError(21418, 'Przekazany token kontynuacji ma nieprawidłowy format.', [value]);
  return Number(match[1]);
}

export function continuationTokenFor(nextOffset: number, total: number): string | null {
  return nextOffset < total ? Buffer.from(`o${nextOffset}`).toString('base64url') : null;
}

/** Reads an integer query parameter within bounds (21405 otherwise). */
export function intParam(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw validationError(`${name}: wartość musi być liczbą całkowitą z zakresu ${min}-${max}`);
  }
  return n;
}

export function page<T>(items: T[], offset: number, size: number): { slice: T[]; continuationToken: string | null } {
  return {
    slice: items.slice(offset, offset + size),
    continuationToken: continuationTokenFor(offset + size, items.length),
  };
}
