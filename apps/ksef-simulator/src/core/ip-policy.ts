import type { AllowedIpsPolicy } from '../domain/auth-operation';

function ipToNumber(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Normalises IPv4-mapped IPv6 (`::ffff:127.0.0.1`) to plain IPv4 as KSeF reports it. */
export function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip === '::1' ? '127.0.0.1' : ip;
}

/** Whether the client IP passes an AuthorizationPolicy allow-list (no policy, or empty lists, = any IP). */
export function ipAllowed(policy: AllowedIpsPolicy | null, clientIp: string): boolean {
  if (!policy) return true;
  const addresses = policy.ip4Addresses ?? [];
  const ranges = policy.ip4Ranges ?? [];
  const masks = policy.ip4Masks ?? [];
  if (addresses.length + ranges.length + masks.length === 0) return true;
  const ip = ipToNumber(normaliseIp(clientIp));
  if (ip === null) return false;
  if (addresses.some((a) => ipToNumber(a) === ip)) return true;
  for (const range of ranges) {
    const [from, to] = range.split('-').map(ipToNumber);
    if (from != null && to != null && from <= ip && ip <= to) return true;
  }
  for (const mask of masks) {
    const [base, bitsText] = mask.split('/');
    const baseNumber = ipToNumber(base ?? '');
    const bits = Number(bitsText);
    if (baseNumber === null) continue;
    const size = 2 ** (32 - bits);
    if (Math.floor(baseNumber / size) === Math.floor(ip / size)) return true;
  }
  return false;
}
