import { createPrivateKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import { type CertificateEnrollmentDataResponse } from '../generated/ksef-api.models';

type X509Module = typeof import('@peculiar/x509');
type CryptoKeyPair = webcrypto.CryptoKeyPair;
let x509: X509Module | undefined;

/** @peculiar/x509 needs the Reflect metadata polyfill; load both only when certificates are actually built. */
function lib(): X509Module {
  if (!x509) {
    // Lazy on purpose: the polyfill and the library are loaded only by callers that build certificates.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('reflect-metadata');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    x509 = require('@peculiar/x509') as X509Module;
    // Node's webcrypto implements the Crypto interface the library expects (typings differ only nominally).
    x509.cryptoProvider.set(webcrypto as never);
  }
  return x509;
}

export type KeyAlgorithm = 'rsa' | 'ec';

const ALGORITHMS = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
} as const;

/** Distinguished-name attributes by OID; values are copied verbatim. */
const DN_OIDS: Record<keyof CertificateEnrollmentDataResponse, string> = {
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  uniqueIdentifier: '2.5.4.45',
  organizationName: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
};

export type DistinguishedName = Partial<Record<keyof CertificateEnrollmentDataResponse, string | null>>;

function jsonName(dn: DistinguishedName): Record<string, string[]>[] {
  const order: (keyof CertificateEnrollmentDataResponse)[] = [
    'countryName',
    'organizationName',
    'organizationIdentifier',
    'givenName',
    'surname',
    'serialNumber',
    'uniqueIdentifier',
    'commonName',
  ];
  return order.filter((k) => dn[k]).map((k) => ({ [DN_OIDS[k]]: [dn[k]!] }));
}

export interface GeneratedKeyPair {
  keys: CryptoKeyPair;
  privateKey: KeyObject;
  privateKeyPem: string;
}

export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<GeneratedKeyPair> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHMS[algorithm], true, ['sign', 'verify']);
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return { keys, privateKey, privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

/** PKCS#10 CSR (DER, Base64) for `POST /certificates/enrollments`; the DN is the enrollment data verbatim. */
export async function generateCsr(
  subject: DistinguishedName,
  algorithm: KeyAlgorithm,
  keyPair?: GeneratedKeyPair,
): Promise<{ csr: string; privateKeyPem: string; privateKey: KeyObject }> {
  const pair = keyPair ?? (await generateKeyPair(algorithm));
  const csr = await lib().Pkcs10CertificateRequestGenerator.create({
    name: jsonName(subject),
    keys: pair.keys,
    signingAlgorithm: ALGORITHMS[algorithm],
  });
  return {
    csr: Buffer.from(csr.rawData).toString('base64'),
    privateKeyPem: pair.privateKeyPem,
    privateKey: pair.privateKey,
  };
}

/**
 * Self-signed certificate with the attributes KSeF TEST accepts for XAdES login, e.g. a seal
 * `{organizationName, organizationIdentifier: 'VATPL-<nip>', commonName, countryName: 'PL'}` or a person
 * `{givenName, surname, serialNumber: 'TINPL-<nip>', commonName, countryName: 'PL'}`.
 */
export async function createSelfSignedCertificate(
  subject: DistinguishedName,
  algorithm: KeyAlgorithm,
  validDays = 365,
): Promise<{ certificatePem: string; certificateDer: Buffer; privateKeyPem: string; privateKey: KeyObject }> {
  const pair = await generateKeyPair(algorithm);
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await lib().X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(8).toString('hex')}`,
    name: jsonName(subject),
    notBefore,
    notAfter: new Date(notBefore.getTime() + validDays * 86_400_000),
    keys: pair.keys,
    signingAlgorithm: ALGORITHMS[algorithm],
    extensions: [
      new (lib().KeyUsagesExtension)(lib().KeyUsageFlags.digitalSignature | lib().KeyUsageFlags.nonRepudiation, true),
    ],
  });
  return {
    certificatePem: cert.toString('pem'),
    certificateDer: Buffer.from(cert.rawData),
    privateKeyPem: pair.privateKeyPem,
    privateKey: pair.privateKey,
  };
}
