import {
  constants,
  createCipheriv,
  createHash,
  createPrivateKey,
  publicEncrypt,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Client-side crypto for black-box tests, written here on node:crypto (and the openssl CLI for certificates,
// which Node cannot create). Deliberately independent from the simulator's code and from packages/ksef-client.

export const sha256b64 = (data: Buffer | string): string => createHash('sha256').update(data).digest('base64');

/** RSA-OAEP with SHA-256 and MGF1-SHA-256 against a DER certificate from /security/public-key-certificates. */
export function rsaOaepEncrypt(certificateB64: string, data: Buffer): string {
  const cert = new X509Certificate(Buffer.from(certificateB64, 'base64'));
  return publicEncrypt(
    { key: cert.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    data,
  ).toString('base64');
}

export function aesEncrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

export interface TestCertificate {
  certificateDer: Buffer;
  privateKey: KeyObject;
  kind: 'rsa' | 'ec';
}

/** A self-signed certificate with the given subject (e.g. `/GN=Jan/SN=Nowak/serialNumber=TINPL-5265877635/CN=Jan Nowak/C=PL`). */
export function selfSignedCertificate(subject: string, kind: 'rsa' | 'ec'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cert-'));
  const keyArgs =
    kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...keyArgs,
      '-nodes',
      '-days',
      '30',
      '-subj',
      subject,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.der'),
      '-outform',
      'DER',
    ],
    { stdio: 'ignore' },
  );
  return {
    certificateDer: readFileSync(join(dir, 'cert.der')),
    privateKey: createPrivateKey(readFileSync(join(dir, 'key.pem'))),
    kind,
  };
}

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/**
 * Enveloped XAdES-BES over a document whose root is written in canonical form (no whitespace between tags,
 * explicit end tags). Every signed fragment is emitted exactly as exclusive C14N renders it, so the digests
 * are computed over the literal strings.
 */
export function signXadesEnveloped(
  rootName: string,
  rootNamespace: string,
  innerXml: string,
  cert: TestCertificate,
  signingTime: Date,
): string {
  const documentDigest = sha256b64(`<${rootName} xmlns="${rootNamespace}">${innerXml}</${rootName}>`);
  const x509 = new X509Certificate(cert.certificateDer);
  const serial = BigInt(`0x${x509.serialNumber}`).toString();
  const issuer = x509.issuer.split('\n').reverse().join(',');
  const ds = (name: string) => `ds:${name} xmlns:ds="${DS}"`;
  const signedProperties =
    `<xades:SignedProperties xmlns:xades="${XADES}" Id="SignedProperties-1"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${signingTime.toISOString()}</xades:SigningTime><xades:SigningCertificate><xades:Cert><xades:CertDigest>` +
    `<${ds('DigestMethod')} Algorithm="${SHA256}"></ds:DigestMethod><${ds('DigestValue')}>${sha256b64(cert.certificateDer)}</ds:DigestValue>` +
    `</xades:CertDigest><xades:IssuerSerial><${ds('X509IssuerName')}>${escapeXml(issuer)}</ds:X509IssuerName>` +
    `<${ds('X509SerialNumber')}>${serial}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>` +
    `</xades:SignedSignatureProperties></xades:SignedProperties>`;
  const signatureMethod =
    cert.kind === 'rsa'
      ? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
      : 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
  const signedInfo =
    `<ds:SignedInfo xmlns:ds="${DS}"><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${signatureMethod}"></ds:SignatureMethod>` +
    `<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="${DS}enveloped-signature"></ds:Transform>` +
    `<ds:Transform Algorithm="${EXC_C14N}"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"></ds:DigestMethod>` +
    `<ds:DigestValue>${documentDigest}</ds:DigestValue></ds:Reference>` +
    `<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#SignedProperties-1"><ds:Transforms>` +
    `<ds:Transform Algorithm="${EXC_C14N}"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="${SHA256}"></ds:DigestMethod>` +
    `<ds:DigestValue>${sha256b64(signedProperties)}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const signatureValue = sign('sha256', Buffer.from(signedInfo), {
    key: cert.privateKey,
    ...(cert.kind === 'ec' ? { dsaEncoding: 'ieee-p1363' as const } : {}),
  }).toString('base64');
  const signature =
    `<ds:Signature xmlns:ds="${DS}" Id="Signature-1">${signedInfo}<ds:SignatureValue>${signatureValue}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert.certificateDer.toString('base64')}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES}" Target="#Signature-1">${signedProperties}</xades:QualifyingProperties></ds:Object>` +
    `</ds:Signature>`;
  return `<?xml version="1.0" encoding="UTF-8"?><${rootName} xmlns="${rootNamespace}">${innerXml}${signature}</${rootName}>`;
}

export function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function randomAesKey(): { key: Buffer; iv: Buffer } {
  return { key: randomBytes(32), iv: randomBytes(16) };
}

/** A random NIP with a valid checksum (so PRD-mode checks pass too). */
export function randomNip(): string {
  const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = [
      1 + Math.floor(Math.random() * 9),
      ...Array.from({ length: 8 }, () => Math.floor(Math.random() * 10)),
    ];
    const check = digits.reduce((sum, d, i) => sum + d * weights[i]!, 0) % 11;
    const nip = `${digits.join('')}${check}`;
    if (check !== 10 && /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/.test(nip)) return nip;
  }
}
