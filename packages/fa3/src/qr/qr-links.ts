import { type KeyObject, constants, createPrivateKey, sign } from 'node:crypto';
import { base64ToBase64Url, invoiceHashBase64Url } from './qr-hash';
import { type KsefEnvironment, qrHostFor } from './qr-environment';

/** Where the hash comes from: the exact invoice bytes, or a hash KSeF already reported (standard Base64). */
export type InvoiceHashSource = { invoiceXml: Uint8Array | string } | { invoiceHash: string };

export interface QrTarget {
  environment: KsefEnvironment;
  /** Overrides the environment's host (e.g. where the simulator runs). */
  qrHost?: string;
}

export type QrCodeIInput = QrTarget &
  InvoiceHashSource & {
    /** Podmiot1 NIP. */
    sellerNip: string;
    /** P_1 as `YYYY-MM-DD`. */
    issueDate: string;
  };

/** KOD I: `{qrHost}/invoice/{NIP}/{DD-MM-YYYY}/{sha256 base64url}` (SPEC-NOTES §14). */
export function buildQrCodeILink(input: QrCodeIInput): string {
  const host = qrHostFor(input.environment, input.qrHost);
  return `${host}/invoice/${checkNip(input.sellerNip)}/${qrDate(input.issueDate)}/${hashOf(input)}`;
}

export type QrContextType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';

export type QrCodeIIInput = QrTarget &
  InvoiceHashSource & {
    contextType: QrContextType;
    contextValue: string;
    sellerNip: string;
    /** Serial of the issuer's Offline-type KSeF certificate, hex as KSeF returns it. */
    certificateSerial: string;
    /** Private key of that certificate: RSA (≥ 2048 bits) or EC P-256, as a KeyObject or PEM. */
    privateKey: KeyObject | string;
  };

export interface QrCodeIILink {
  link: string;
  /** What was signed: the link without the scheme and without the signature segment. */
  signedData: string;
  /** Base64URL without padding. */
  signature: string;
}

/**
 * KOD II: `{qrHost}/certificate/{ctxType}/{ctxValue}/{sellerNip}/{certSerial}/{hash}/{signature}`.
 * RSA keys sign with RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32); P-256 keys with ECDSA SHA-256 in IEEE P1363 form.
 */
export function buildQrCodeIILink(input: QrCodeIIInput): QrCodeIILink {
  const host = qrHostFor(input.environment, input.qrHost);
  const serial = input.certificateSerial.trim();
  if (!/^[0-9A-Fa-f]+$/.test(serial)) throw new Error(`Numer seryjny certyfikatu „${serial}” nie jest szesnastkowy`);
  const segments = [
    'certificate',
    input.contextType,
    encodeURIComponent(input.contextValue),
    checkNip(input.sellerNip),
    serial,
    hashOf(input),
  ];
  const unsigned = `${host}/${segments.join('/')}`;
  const signedData = unsigned.replace(/^https?:\/\//, '');
  const signature = signQrData(signedData, input.privateKey);
  return { link: `${unsigned}/${signature}`, signedData, signature };
}

export function signQrData(data: string, key: KeyObject | string): string {
  const privateKey = typeof key === 'string' ? createPrivateKey(key) : key;
  const bytes = Buffer.from(data, 'utf8');
  const type = privateKey.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') {
    const bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new Error(`Klucz RSA ma ${bits} bitów; KOD II wymaga co najmniej 2048`);
    const options = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    return sign('sha256', bytes, options).toString('base64url');
  }
  if (type === 'ec') {
    const curve = privateKey.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'prime256v1') throw new Error(`Klucz EC na krzywej ${curve ?? '?'}; KOD II wymaga P-256`);
    return sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  }
  throw new Error(`Nieobsługiwany typ klucza ${type ?? '?'} (dozwolone RSA i EC P-256)`);
}

function hashOf(source: InvoiceHashSource): string {
  if ('invoiceXml' in source) return invoiceHashBase64Url(source.invoiceXml);
  if (!/^[A-Za-z0-9+/]{43}=$/.test(source.invoiceHash)) {
    throw new Error('Skrót faktury musi być SHA-256 w Base64 (44 znaki)');
  }
  return base64ToBase64Url(source.invoiceHash);
}

function checkNip(nip: string): string {
  if (!/^\d{10}$/.test(nip)) throw new Error(`NIP sprzedawcy „${nip}” musi mieć 10 cyfr`);
  return nip;
}

/** `YYYY-MM-DD` (P_1) -> `DD-MM-YYYY`. */
export function qrDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`Data wystawienia „${isoDate}” musi mieć postać RRRR-MM-DD`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}
