import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { inspect } from 'node:util';
import { assertTenantId, DataKey, type KeyVault, KeyVaultError } from './key-vault';
import { ensureKeyringFile, MASTER_KEY_BYTES, type MasterKey, masterKey, readKeyringFile } from './local-keyring';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Wrapped data key layout: iv | tag | ciphertext. */
const WRAPPED_BYTES = IV_BYTES + TAG_BYTES + MASTER_KEY_BYTES;

export interface LocalKeyVaultOptions {
  /** How often, at most, new data keys look at the keyring file for a newer active key. Default 1 s. */
  reloadIntervalMs?: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

interface KeyringSource {
  file: string;
  intervalMs: number;
  now: () => number;
  checkedAt: number;
  /** inode, size and mtime of the file as last read: a rename or an edit changes it. */
  signature: string;
  reloading: Promise<void> | undefined;
  lastError: string | undefined;
}

/**
 * Development key vault: data keys are wrapped with AES-256-GCM under a local master key. The master keys form a
 * keyring (see local-keyring.ts): new data keys are wrapped with the newest key, and a wrapped key names the key
 * that wrapped it, so keys wrapped before a rotation keep unwrapping until they are re-wrapped and the old key
 * retired. A vault opened from a file follows the file: a newer active key is picked up within `reloadIntervalMs`,
 * and a wrapped key of a key it does not hold yet makes it read the file again at once, so processes that run
 * through a rotation never fail to decrypt. The tenant id is the GCM additional data, so a wrapped key only unwraps
 * for the tenant it was made for.
 */
export class LocalKeyVault implements KeyVault {
  readonly provider = 'local' as const;
  private keys: Map<string, Buffer>;
  private active: string;

  private constructor(
    ring: readonly MasterKey[],
    private readonly source?: KeyringSource,
  ) {
    this.keys = new Map();
    this.active = '';
    this.load(ring);
  }

  /** Opens the keyring file, creating it (mode 0600) with one random key when it does not exist yet. */
  static async fromFile(path: string, options: LocalKeyVaultOptions = {}): Promise<LocalKeyVault> {
    const file = resolve(path);
    let ring = await readKeyringFile(file);
    if (ring === undefined) {
      await ensureKeyringFile(file);
      ring = (await readKeyringFile(file)) ?? [];
    }
    const now = options.now ?? Date.now;
    return new LocalKeyVault(ring, {
      file,
      intervalMs: options.reloadIntervalMs ?? 1000,
      now,
      checkedAt: now(),
      signature: await fileSignature(file),
      reloading: undefined,
      lastError: undefined,
    });
  }

  /** A vault over a given key (tests and tools); production code uses fromFile. */
  static fromKey(key: Buffer): LocalKeyVault {
    return LocalKeyVault.fromKeys([key]);
  }

  /** A fixed keyring, oldest first; the last key is the active one. */
  static fromKeys(keys: readonly Buffer[]): LocalKeyVault {
    if (keys.length === 0) throw new KeyVaultError('MASTER_KEY_INVALID', 'a keyring needs at least one key');
    return new LocalKeyVault(keys.map(masterKey));
  }

  /** The id of the key that wraps new data keys (as this vault last read its keyring). */
  get keyId(): string {
    return this.active;
  }

  /** Every key id this vault can unwrap with, oldest first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** The active key id after looking at the keyring file (at most once per reload interval). */
  async activeKeyId(): Promise<string> {
    await this.refresh(false);
    return this.active;
  }

  async generateDataKey(tenantId: string): Promise<DataKey> {
    assertTenantId(tenantId);
    await this.refresh(false);
    return this.wrap(tenantId);
  }

  async unwrapDataKey(tenantId: string, wrapped: Buffer, keyId?: string): Promise<Buffer> {
    assertTenantId(tenantId);
    if (keyId !== undefined && !this.keys.has(keyId)) {
      // Another process may have added the key a moment ago: read the keyring before giving up.
      await this.refresh(true);
      if (!this.keys.has(keyId)) throw this.unknownKey(keyId);
    }
    if (wrapped.length !== WRAPPED_BYTES) {
      throw new KeyVaultError('DATA_KEY_UNWRAP_FAILED', 'wrapped data key has the wrong length');
    }
    // Without a key id (older callers), the active key is tried first, then the older ones.
    const candidates = keyId !== undefined ? [keyId] : [this.active, ...this.keyIds.filter((id) => id !== this.active)];
    let failure: unknown;
    for (const id of candidates) {
      try {
        return unwrapWith(this.keys.get(id)!, tenantId, wrapped);
      } catch (error) {
        failure = error;
      }
    }
    throw new KeyVaultError(
      'DATA_KEY_UNWRAP_FAILED',
      `data key does not unwrap for tenant ${tenantId}: it belongs to another tenant or was altered`,
      { cause: failure },
    );
  }

  toJSON(): Record<string, string> {
    return { provider: this.provider, keyId: this.active, keys: this.keyIds.join(',') };
  }

  toString(): string {
    return `LocalKeyVault(${this.active}, ${this.keys.size} key${this.keys.size === 1 ? '' : 's'})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  private load(ring: readonly MasterKey[]): void {
    if (ring.length === 0) throw new KeyVaultError('MASTER_KEY_INVALID', 'a keyring needs at least one key');
    this.keys = new Map(ring.map((entry) => [entry.id, entry.key]));
    this.active = ring[ring.length - 1]!.id;
  }

  /**
   * Re-reads the keyring file when it changed (forced: whenever asked). Concurrent calls share one read. A file that
   * cannot be read or parsed leaves the keys in memory as they are, so a bad edit never stops a running process;
   * the problem is named in the next "unknown key" error.
   */
  private async refresh(force: boolean): Promise<void> {
    const source = this.source;
    if (!source) return;
    const now = source.now();
    if (!force && now - source.checkedAt < source.intervalMs) return;
    source.checkedAt = now;
    // A forced read must start after the caller met the unknown key: a read already under way may predate the file.
    if (force && source.reloading) await source.reloading;
    source.reloading ??= (async () => {
      try {
        const signature = await fileSignature(source.file);
        if (!force && signature === source.signature) return;
        const ring = await readKeyringFile(source.file);
        if (!ring) throw new KeyVaultError('MASTER_KEY_INVALID', `master key file ${source.file} is missing`);
        this.load(ring);
        source.signature = signature;
        source.lastError = undefined;
      } catch (error) {
        source.lastError = error instanceof Error ? error.message : String(error);
      } finally {
        source.reloading = undefined;
      }
    })();
    await source.reloading;
  }

  private unknownKey(keyId: string): KeyVaultError {
    const problem = this.source?.lastError ? `; reading the keyring failed: ${this.source.lastError}` : '';
    return new KeyVaultError(
      'MASTER_KEY_UNKNOWN',
      `data key was wrapped by master key ${keyId}, which is not in this keyring (it holds ${this.keyIds.join(', ')}): ` +
        `put that key back into the keyring file, or restore the credential${problem}`,
    );
  }

  private wrap(tenantId: string): DataKey {
    const plaintext = randomBytes(MASTER_KEY_BYTES);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.active)!, iv);
    cipher.setAAD(wrapAad(tenantId));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new DataKey(plaintext, Buffer.concat([iv, cipher.getAuthTag(), ciphertext]), this.active);
  }
}

function unwrapWith(key: Buffer, tenantId: string, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, IV_BYTES));
  decipher.setAAD(wrapAad(tenantId));
  decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

function wrapAad(tenantId: string): Buffer {
  return Buffer.from(`bufor:data-key:v1:${tenantId}`, 'utf8');
}

async function fileSignature(file: string): Promise<string> {
  const info = await stat(file, { bigint: true });
  return `${info.ino}:${info.size}:${info.mtimeNs}`;
}
