import 'reflect-metadata';
import { createHash, createPrivateKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { DAY } from '../core/dates';

export type PublicKeyUsage = 'KsefTokenEncryption' | 'SymmetricKeyEncryption';

export interface PublishedKey {
  usage: PublicKeyUsage;
  privateKey: KeyObject;
  certificateDer: Buffer;
  /** Base64(SHA-256(certificate DER)). */
  certificateId: string;
  /** Base64(SHA-256(SubjectPublicKeyInfo DER)). */
  publicKeyId: string;
  validFrom: number;
  validTo: number;
}

export interface SimulatorKeys {
  tokenEncryption: PublishedKey;
  symmetricKeyEncryption: PublishedKey;
  /** HMAC secret for JWTs and pre-signed URLs. */
  secret: Buffer;
}

interface StoredKey {
  usage: PublicKeyUsage;
  pkcs8: string;
  certificate: string;
}

interface StoredKeys {
  keys: StoredKey[];
  secret: string;
}

const KEYS_FILE = 'simulator-keys.json';
const RSA_PARAMS = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

/** Loads the keys from the data dir, or generates (and, with a data dir, saves) them on first start. */
export async function loadOrCreateKeys(dataDir: string | null, now: number): Promise<SimulatorKeys> {
  const file = dataDir ? join(dataDir, KEYS_FILE) : null;
  if (file && existsSync(file)) return fromStored(JSON.parse(readFileSync(file, 'utf8')) as StoredKeys);

  const stored: StoredKeys = {
    keys: [await generateKey('KsefTokenEncryption', now), await generateKey('SymmetricKeyEncryption', now)],
    secret: randomBytes(32).toString('base64'),
  };
  if (file && dataDir) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return fromStored(stored);
}

/**
 * Emergency rotation of both published keys (old publicKeyIds are withdrawn at once -> 21470). The JWT/URL
 * secret stays, so issued tokens keep working. Mutates `keys` in place and rewrites the keys file.
 */
export async function rotateKeys(dataDir: string | null, keys: SimulatorKeys, now: number): Promise<void> {
  const stored: StoredKeys = {
    keys: [await generateKey('KsefTokenEncryption', now), await generateKey('SymmetricKeyEncryption', now)],
    secret: keys.secret.toString('base64'),
  };
  if (dataDir) writeFileSync(join(dataDir, KEYS_FILE), JSON.stringify(stored, null, 2), { mode: 0o600 });
  const fresh = fromStored(stored);
  keys.tokenEncryption = fresh.tokenEncryption;
  keys.symmetricKeyEncryption = fresh.symmetricKeyEncryption;
}

async function generateKey(usage: PublicKeyUsage, now: number): Promise<StoredKey> {
  const keys = await webcrypto.subtle.generateKey(RSA_PARAMS, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomBytes(8).toString('hex'),
      name: `CN=Ministerstwo Finansów, O=KSeF Simulator ${usage}, C=PL`,
      notBefore: new Date(now - DAY),
      notAfter: new Date(now + 2 * 365 * DAY),
      keys,
      signingAlgorithm: RSA_PARAMS,
    },
    webcrypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  return { usage, pkcs8, certificate: Buffer.from(certificate.rawData).toString('base64') };
}

function sha256Base64(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('base64');
}

function fromStored(stored: StoredKeys): SimulatorKeys {
  const published = stored.keys.map((key): PublishedKey => {
    const der = Buffer.from(key.certificate, 'base64');
    const cert = new x509.X509Certificate(der);
    return {
      usage: key.usage,
      privateKey: createPrivateKey({ key: Buffer.from(key.pkcs8, 'base64'), format: 'der', type: 'pkcs8' }),
      certificateDer: der,
      certificateId: sha256Base64(der),
      publicKeyId: sha256Base64(new Uint8Array(cert.publicKey.rawData)),
      validFrom: cert.notBefore.getTime(),
      validTo: cert.notAfter.getTime(),
    };
  });
  const find = (usage: PublicKeyUsage): PublishedKey => {
    const key = published.find((candidate) => candidate.usage === usage);
    if (!key) throw new Error(`Brak klucza ${usage} w pliku kluczy symulatora`);
    return key;
  };
  return {
    tokenEncryption: find('KsefTokenEncryption'),
    symmetricKeyEncryption: find('SymmetricKeyEncryption'),
    secret: Buffer.from(stored.secret, 'base64'),
  };
}
