import { createHash } from 'node:crypto';

/** Base64 SHA-256 of the exact invoice bytes (KSeF `invoiceHash`, 44 characters). */
export function invoiceHashBase64(invoiceXml: Uint8Array | string): string {
  return createHash('sha256').update(invoiceXml).digest('base64');
}

/** The same hash as Base64URL without padding (43 characters), as QR links carry it. */
export function invoiceHashBase64Url(invoiceXml: Uint8Array | string): string {
  return createHash('sha256').update(invoiceXml).digest('base64url');
}

export function base64ToBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
