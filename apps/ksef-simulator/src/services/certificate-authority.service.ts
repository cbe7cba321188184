import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DAY } from '../core/dates';
import type { SimulatorStore } from '../core/store';
import { certificateAuthorityTable } from '../domain/certificates';

const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface IssuingCa {
  certificate: x509.X509Certificate;
  privateKey: webcrypto.CryptoKey;
}

// Imported CryptoKeys per stored key, so the CA key is parsed once per process.
const imported = new Map<string, Promise<IssuingCa>>();

/** The simulator CA from the store, generated (and stored, so snapshots keep it) on first use. */
export async function issuingCa(store: SimulatorStore, now: number): Promise<IssuingCa> {
  const table = certificateAuthorityTable(store);
  let record = table.get('ca');
  if (!record) {
    const keys = await webcrypto.subtle.generateKey(EC_P256, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.createSelfSigned(
      {
        serialNumber: `01${randomBytes(7).toString('hex')}`,
        name: 'CN=KSeF Simulator CA, O=Ministerstwo Finansów (symulator), C=PL',
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 10 * 365 * DAY),
        keys,
        signingAlgorithm: SIGNING,
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        ],
      },
      webcrypto,
    );
    record = {
      pkcs8: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)),
      certificateDer: Buffer.from(cert.rawData),
    };
    table.set('ca', record);
  }
  const cacheKey = record.pkcs8.toString('base64');
  let ca = imported.get(cacheKey);
  if (!ca) {
    const { pkcs8, certificateDer } = record;
    ca = webcrypto.subtle
      .importKey('pkcs8', pkcs8, EC_P256, false, ['sign'])
      .then((privateKey) => ({ certificate: new x509.X509Certificate(certificateDer), privateKey }));
    imported.set(cacheKey, ca);
  }
  return ca;
}

/** Issues an end-entity certificate for the CSR's key and subject. */
export async function issueCertificate(
  ca: IssuingCa,
  csr: x509.Pkcs10CertificateRequest,
  serialNumber: string,
  validFrom: number,
  validTo: number,
  usage: 'Authentication' | 'Offline',
): Promise<Buffer> {
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber,
      subject: csr.subjectName,
      issuer: ca.certificate.subjectName,
      notBefore: new Date(validFrom),
      notAfter: new Date(validTo),
      signingAlgorithm: SIGNING,
      publicKey: csr.publicKey,
      signingKey: ca.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        // Authentication certificates sign XAdES logins; Offline ones only sign QR codes (non-repudiation).
        new x509.KeyUsagesExtension(
          usage === 'Authentication' ? x509.KeyUsageFlags.digitalSignature : x509.KeyUsageFlags.nonRepudiation,
          true,
        ),
        await x509.AuthorityKeyIdentifierExtension.create(ca.certificate, false, webcrypto),
      ],
    },
    webcrypto,
  );
  return Buffer.from(cert.rawData);
}
