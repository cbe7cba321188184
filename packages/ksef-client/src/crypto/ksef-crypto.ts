import {
  X509Certificate,
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** SHA-256 as standard Base64 (the 44-char `Sha256HashBase64` of the API). */
export function sha256Base64(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('base64');
}

/** Public key of a certificate given as Base64 DER (the `certificate` field of the public key list). */
export function publicKeyFromCertificate(certificateBase64Der: string): KeyObject {
  return new X509Certificate(Buffer.from(certificateBase64Der, 'base64')).publicKey;
}

/** RSA-OAEP with SHA-256 digest and MGF1-SHA-256, empty label. */
export function rsaOaepEncrypt(publicKey: KeyObject, data: Uint8Array): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
}

/** `encryptedToken` for `POST /auth/ksef-token`: RSA-OAEP of UTF-8 `"{token}|{timestampMs}"`, Base64. */
export function encryptKsefToken(ksefToken: string, challengeTimestampMs: number, publicKey: KeyObject): string {
  return rsaOaepEncrypt(publicKey, Buffer.from(`${ksefToken}|${challengeTimestampMs}`, 'utf8')).toString('base64');
}

/** AES-256 key and IV of one session or export. */
export interface SymmetricKey {
  key: Buffer;
  iv: Buffer;
}

export function generateSymmetricKey(): SymmetricKey {
  return { key: randomBytes(32), iv: randomBytes(16) };
}

/** The `encryption` object sent when opening a session or an export. */
export interface EncryptionInfo {
  encryptedSymmetricKey: string;
  initializationVector: string;
  publicKeyId?: string | null;
}

export function wrapSymmetricKey(sym: SymmetricKey, publicKey: KeyObject, publicKeyId?: string): EncryptionInfo {
  return {
    encryptedSymmetricKey: rsaOaepEncrypt(publicKey, sym.key).toString('base64'),
    initializationVector: sym.iv.toString('base64'),
    ...(publicKeyId ? { publicKeyId } : {}),
  };
}

/** AES-256-CBC with PKCS#7 padding; output is the ciphertext only (the IV is never prefixed). */
export function aesEncrypt(sym: SymmetricKey, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-cbc', sym.key, sym.iv);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

export function aesDecrypt(sym: SymmetricKey, encrypted: Uint8Array): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', sym.key, sym.iv);
  return Buffer.concat([decipher.update(encrypted), decipher.final()]);
}

/** Body of `POST /sessions/online/{ref}/invoices` (without the optional offline fields). */
export interface EncryptedInvoice {
  invoiceHash: string;
  invoiceSize: number;
  encryptedInvoiceHash: string;
  encryptedInvoiceSize: number;
  encryptedInvoiceContent: string;
}

/** Encrypts the exact invoice bytes and computes hashes and sizes of both forms. */
export function encryptInvoice(sym: SymmetricKey, invoiceXml: Uint8Array): EncryptedInvoice {
  const encrypted = aesEncrypt(sym, invoiceXml);
  return {
    invoiceHash: sha256Base64(invoiceXml),
    invoiceSize: invoiceXml.byteLength,
    encryptedInvoiceHash: sha256Base64(encrypted),
    encryptedInvoiceSize: encrypted.byteLength,
    encryptedInvoiceContent: encrypted.toString('base64'),
  };
}
