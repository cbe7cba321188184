import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { KsefCredentialsException } from './ksef-credentials.exception';

export interface CheckedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM, unencrypted: it is only ever stored sealed in a SecretBox envelope. */
  privateKeyPem: string;
  subject: string;
  serialNumber: string;
  fingerprint: string;
  validTo: Date;
}

/** PEM as given, or Base64 of a PEM/DER file (uploads from the browser arrive as Base64). */
function toPemOrDer(text: string): string | Buffer {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return trimmed;
  const bytes = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64');
  const asText = bytes.toString('utf8');
  return asText.trimStart().startsWith('-----BEGIN') ? asText : bytes;
}

function parseCertificate(text: string): X509Certificate {
  try {
    return new X509Certificate(toPemOrDer(text));
  } catch {
    throw KsefCredentialsException.certificateInvalid();
  }
}

function parsePrivateKey(text: string, password: string | undefined): KeyObject {
  const key = toPemOrDer(text);
  const encrypted = typeof key === 'string' && /ENCRYPTED/.test(key);
  if (encrypted && password === undefined) throw KsefCredentialsException.privateKeyPassword(true);
  try {
    return typeof key === 'string'
      ? createPrivateKey({ key, format: 'pem', passphrase: password })
      : createPrivateKey({ key, format: 'der', type: 'pkcs8', passphrase: password });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ERR_MISSING_PASSPHRASE') throw KsefCredentialsException.privateKeyPassword(true);
    if (encrypted || /BAD_DECRYPT/.test(code)) throw KsefCredentialsException.privateKeyPassword(false);
    throw KsefCredentialsException.privateKeyInvalid();
  }
}

/** Checks a certificate, its key and the key's password before anything is stored; only facts leave here. */
export function checkCertificate(input: {
  certificatePem: string;
  privateKeyPem: string;
  privateKeyPassword?: string;
  now: Date;
}): CheckedCertificate {
  const certificate = parseCertificate(input.certificatePem);
  const key = parsePrivateKey(input.privateKeyPem, input.privateKeyPassword || undefined);
  if (!certificate.checkPrivateKey(key)) throw KsefCredentialsException.certificateKeyMismatch();
  const validTo = new Date(certificate.validTo);
  if (validTo.getTime() <= input.now.getTime())
    throw KsefCredentialsException.certificateExpired(validTo.toISOString());
  return {
    certificatePem: certificate.toString(),
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    subject: certificate.subject.replace(/\n/g, ', '),
    serialNumber: certificate.serialNumber,
    fingerprint: certificate.fingerprint256,
    validTo,
  };
}
