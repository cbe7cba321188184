import { KeyVaultError } from './key-vault';

/**
 * A secret encrypted for a tenant, as stored in a text column:
 * `v1.<keyId>.<wrapped data key>.<iv>.<tag>.<ciphertext>`, every part base64url. AES-256-GCM throughout.
 */
export interface SecretEnvelope {
  version: 1;
  /** The master key that wrapped the data key (local fingerprint or KMS key ARN). */
  keyId: string;
  wrappedKey: Buffer;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

const PARTS = 6;

export function formatSecretEnvelope(envelope: SecretEnvelope): string {
  return [
    `v${envelope.version}`,
    Buffer.from(envelope.keyId, 'utf8').toString('base64url'),
    envelope.wrappedKey.toString('base64url'),
    envelope.iv.toString('base64url'),
    envelope.tag.toString('base64url'),
    envelope.ciphertext.toString('base64url'),
  ].join('.');
}

export function parseSecretEnvelope(text: string): SecretEnvelope {
  if (typeof text !== 'string') throw malformed('it is not a string');
  const parts = text.split('.');
  const [version, keyId, wrappedKey, iv, tag, ciphertext] = parts;
  if (version !== undefined && /^v\d+$/.test(version) && version !== 'v1') {
    throw new KeyVaultError('ENVELOPE_UNSUPPORTED_VERSION', `secret envelope version ${version} is not supported`);
  }
  if (parts.length !== PARTS || version !== 'v1')
    throw malformed(`expected ${PARTS} dot-separated parts starting with v1`);
  if (![keyId, wrappedKey, iv, tag, ciphertext].every((part) => part !== undefined && /^[A-Za-z0-9_-]*$/.test(part))) {
    throw malformed('a part is not base64url');
  }
  const envelope: SecretEnvelope = {
    version: 1,
    keyId: Buffer.from(keyId!, 'base64url').toString('utf8'),
    wrappedKey: Buffer.from(wrappedKey!, 'base64url'),
    iv: Buffer.from(iv!, 'base64url'),
    tag: Buffer.from(tag!, 'base64url'),
    ciphertext: Buffer.from(ciphertext!, 'base64url'),
  };
  if (envelope.keyId === '' || envelope.wrappedKey.length === 0) throw malformed('key id or wrapped key is empty');
  if (envelope.iv.length !== 12 || envelope.tag.length !== 16) throw malformed('iv or tag has the wrong length');
  return envelope;
}

// The reason names the structural problem only; the envelope text itself never goes into the message.
function malformed(reason: string): KeyVaultError {
  return new KeyVaultError('ENVELOPE_MALFORMED', `secret envelope is malformed: ${reason}`);
}
