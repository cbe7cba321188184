import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { inspect } from 'node:util';
import { assertTenantId, DataKey, type KeyVault, KeyVaultError } from './key-vault';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Wrapped data key layout: iv | tag | ciphertext. */
const WRAPPED_BYTES = IV_BYTES + TAG_BYTES + KEY_BYTES;

/**
 * Development key vault: data keys are wrapped with AES-256-GCM under a master key kept in a file.
 * The tenant id is the GCM additional data, so a wrapped key only unwraps for the tenant it was made for.
 */
export class LocalKeyVault implements KeyVault {
  readonly provider = 'local' as const;
  /** A fingerprint of the master key, recorded in envelopes so a key mix-up is reported as such. */
  readonly keyId: string;

  private constructor(private readonly masterKey: Buffer) {
    this.keyId = `local:${createHash('sha256').update('bufor-master-key-id').update(masterKey).digest('hex').slice(0, 16)}`;
  }

  /** Opens the master key file, creating it (mode 0600) with a random key when it does not exist yet. */
  static async fromFile(path: string): Promise<LocalKeyVault> {
    const file = resolve(path);
    let encoded = await readIfExists(file);
    if (encoded === undefined) {
      await createKeyFile(file);
      encoded = (await readIfExists(file)) ?? '';
    }
    const key = Buffer.from(encoded.trim(), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new KeyVaultError('MASTER_KEY_INVALID', `master key file ${file} must hold ${KEY_BYTES} bytes in base64`);
    }
    return new LocalKeyVault(key);
  }

  /** A vault over a given key (tests and tools); production code uses fromFile. */
  static fromKey(masterKey: Buffer): LocalKeyVault {
    if (masterKey.length !== KEY_BYTES) {
      throw new KeyVaultError('MASTER_KEY_INVALID', `master key must be ${KEY_BYTES} bytes`);
    }
    return new LocalKeyVault(Buffer.from(masterKey));
  }

  // Crypto here is synchronous; the promise form keeps the KeyVault contract (errors arrive as rejections).
  generateDataKey(tenantId: string): Promise<DataKey> {
    return Promise.resolve().then(() => this.wrap(tenantId));
  }

  unwrapDataKey(tenantId: string, wrapped: Buffer, keyId?: string): Promise<Buffer> {
    return Promise.resolve().then(() => this.unwrap(tenantId, wrapped, keyId));
  }

  toJSON(): Record<string, string> {
    return { provider: this.provider, keyId: this.keyId };
  }

  toString(): string {
    return `LocalKeyVault(${this.keyId})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  private wrap(tenantId: string): DataKey {
    assertTenantId(tenantId);
    const plaintext = randomBytes(KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(wrapAad(tenantId));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new DataKey(plaintext, Buffer.concat([iv, cipher.getAuthTag(), ciphertext]), this.keyId);
  }

  private unwrap(tenantId: string, wrapped: Buffer, keyId: string | undefined): Buffer {
    assertTenantId(tenantId);
    if (keyId !== undefined && keyId !== this.keyId) {
      throw new KeyVaultError(
        'DATA_KEY_UNWRAP_FAILED',
        `data key was wrapped by master key ${keyId}, this vault holds ${this.keyId}`,
      );
    }
    if (wrapped.length !== WRAPPED_BYTES) {
      throw new KeyVaultError('DATA_KEY_UNWRAP_FAILED', 'wrapped data key has the wrong length');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, IV_BYTES));
      decipher.setAAD(wrapAad(tenantId));
      decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch (error) {
      throw new KeyVaultError(
        'DATA_KEY_UNWRAP_FAILED',
        `data key does not unwrap for tenant ${tenantId}: it belongs to another tenant or was altered`,
        { cause: error },
      );
    }
  }
}

function wrapAad(tenantId: string): Buffer {
  return Buffer.from(`bufor:data-key:v1:${tenantId}`, 'utf8');
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Writes the key to a private temporary file and hard-links it into place: the link either appears complete or
 * fails with EEXIST, so an API and a worker starting together never read a half-written key nor overwrite each other's.
 */
async function createKeyFile(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    await unlink(temporary);
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
