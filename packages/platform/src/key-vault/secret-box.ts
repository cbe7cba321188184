import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { assertTenantId, type DataKey, type KeyVault, KeyVaultError } from './key-vault';
import { PromiseTtlCache } from './promise-ttl-cache';
import { formatSecretEnvelope, parseSecretEnvelope } from './secret-envelope';
import { SecretValue } from './secret-value';

export interface SecretBoxOptions {
  /** How long a data key stays in memory, for encryption and for decryption. Default 5 minutes. */
  cacheTtlMs?: number;
  /** Upper bound of cached keys (encryption keys per tenant plus unwrapped keys). Default 1000. */
  maxCachedKeys?: number;
  /** Secrets sealed with one data key before a new one is generated. Default 10 000 (far below GCM's IV limits). */
  maxUsesPerDataKey?: number;
  /** Clock, injectable so tests can move time. */
  now?: () => number;
}

/**
 * Encrypts tenants' secrets (KSeF tokens, certificates, webhook signing keys) for storage in the database.
 * Each envelope carries its own wrapped data key, so decryption needs only the envelope, the tenant id and the vault.
 */
export class SecretBox {
  private readonly encryptionKeys: PromiseTtlCache<{ dataKey: DataKey; uses: number }>;
  private readonly decryptionKeys: PromiseTtlCache<Buffer>;
  private readonly maxUses: number;

  constructor(
    private readonly vault: KeyVault,
    options: SecretBoxOptions = {},
  ) {
    const ttl = options.cacheTtlMs ?? 5 * 60_000;
    const max = options.maxCachedKeys ?? 1000;
    this.encryptionKeys = new PromiseTtlCache(ttl, max, options.now);
    this.decryptionKeys = new PromiseTtlCache(ttl, max, options.now);
    this.maxUses = options.maxUsesPerDataKey ?? 10_000;
  }

  /** Encrypts a secret for a tenant; the result is a self-describing envelope string. */
  async seal(tenantId: string, secret: string | Buffer | SecretValue): Promise<string> {
    assertTenantId(tenantId);
    const plaintext =
      secret instanceof SecretValue
        ? secret.reveal()
        : typeof secret === 'string'
          ? Buffer.from(secret, 'utf8')
          : secret;
    const { keyId, key, wrappedKey } = await this.encryptionKey(tenantId);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(secretAad(tenantId, keyId));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return formatSecretEnvelope({ version: 1, keyId, wrappedKey, iv, tag: cipher.getAuthTag(), ciphertext });
  }

  /** Decrypts an envelope made by seal() for the same tenant; anything else fails with KeyVaultError. */
  async open(tenantId: string, envelopeText: string): Promise<SecretValue> {
    assertTenantId(tenantId);
    const envelope = parseSecretEnvelope(envelopeText);
    const cacheKey = `${tenantId}\u0000${envelope.keyId}\u0000${envelope.wrappedKey.toString('base64')}`;
    const key = await this.decryptionKeys.get(cacheKey, () =>
      this.vault.unwrapDataKey(tenantId, envelope.wrappedKey, envelope.keyId),
    );
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, envelope.iv);
      decipher.setAAD(secretAad(tenantId, envelope.keyId));
      decipher.setAuthTag(envelope.tag);
      return new SecretValue(Buffer.concat([decipher.update(envelope.ciphertext), decipher.final()]));
    } catch (error) {
      throw new KeyVaultError(
        'SECRET_DECRYPT_FAILED',
        `secret does not decrypt for tenant ${tenantId}: the envelope was altered or belongs to another tenant`,
        { cause: error },
      );
    }
  }

  /** Forgets every cached data key (e.g. after a master key rotation). */
  clearCache(): void {
    this.encryptionKeys.clear();
    this.decryptionKeys.clear();
  }

  toJSON(): Record<string, string> {
    return { provider: this.vault.provider, cache: '[redacted]' };
  }

  toString(): string {
    return `SecretBox(${this.vault.provider})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  private async encryptionKey(tenantId: string): Promise<{ keyId: string; key: Buffer; wrappedKey: Buffer }> {
    let entry = await this.encryptionKeys.get(tenantId, () => this.newEncryptionKey(tenantId));
    // After a master key rotation, new secrets go under the new key at once, not when the cached data key expires.
    const activeKeyId = this.vault.activeKeyId ? await this.vault.activeKeyId() : entry.dataKey.keyId;
    if (entry.uses >= this.maxUses || entry.dataKey.keyId !== activeKeyId) {
      this.encryptionKeys.delete(tenantId);
      entry = await this.encryptionKeys.get(tenantId, () => this.newEncryptionKey(tenantId));
    }
    entry.uses += 1;
    return { keyId: entry.dataKey.keyId, key: entry.dataKey.plaintext, wrappedKey: entry.dataKey.wrapped };
  }

  private async newEncryptionKey(tenantId: string): Promise<{ dataKey: DataKey; uses: number }> {
    return { dataKey: await this.vault.generateDataKey(tenantId), uses: 0 };
  }
}

function secretAad(tenantId: string, keyId: string): Buffer {
  return Buffer.from(`bufor:secret:v1:${tenantId}:${keyId}`, 'utf8');
}
