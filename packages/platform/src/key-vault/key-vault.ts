import { inspect } from 'node:util';

/** A fresh AES-256 data key: the plaintext for immediate use and the same key wrapped by the master key for storage. */
export class DataKey {
  constructor(
    /** Raw 32-byte key; keep it in memory only. */
    readonly plaintext: Buffer,
    /** The key encrypted under the master key, bound to the tenant; safe to store. */
    readonly wrapped: Buffer,
    /** Which master key wrapped it (a local key fingerprint or a KMS key ARN). */
    readonly keyId: string,
  ) {}

  // Data keys end up next to loggable objects; never let the plaintext reach a log line.
  toJSON(): Record<string, string> {
    return { keyId: this.keyId, plaintext: '[redacted]', wrapped: this.wrapped.toString('base64') };
  }

  toString(): string {
    return `DataKey(${this.keyId}, [redacted])`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Envelope encryption: every tenant's secrets are encrypted with data keys, and data keys are wrapped by a master key
 * that never leaves the vault (a local file in development, AWS KMS in production).
 */
export interface KeyVault {
  readonly provider: 'local' | 'aws';
  /** A new data key for the tenant; the wrapped form only unwraps for the same tenant. */
  generateDataKey(tenantId: string): Promise<DataKey>;
  /** The plaintext of a wrapped data key; fails with KeyVaultError for another tenant or a tampered key. */
  unwrapDataKey(tenantId: string, wrapped: Buffer, keyId?: string): Promise<Buffer>;
  /**
   * The master key new data keys are wrapped with now, for vaults whose active key can change under a running
   * process (the local keyring); cached data keys of an older master key are then replaced. AWS KMS has none:
   * KMS rotates its key material behind one key id and decrypts with every version itself.
   */
  activeKeyId?(): Promise<string>;
}

export type KeyVaultErrorCode =
  | 'MASTER_KEY_INVALID'
  | 'MASTER_KEY_UNKNOWN'
  | 'DATA_KEY_UNWRAP_FAILED'
  | 'ENVELOPE_MALFORMED'
  | 'ENVELOPE_UNSUPPORTED_VERSION'
  | 'SECRET_DECRYPT_FAILED'
  | 'KMS_REQUEST_FAILED'
  | 'INVALID_TENANT_ID';

/** Errors of the key vault and the secret box; messages never contain key material or secrets. */
export class KeyVaultError extends Error {
  constructor(
    readonly code: KeyVaultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KeyVaultError';
  }
}

export function assertTenantId(tenantId: string): void {
  if (
    typeof tenantId !== 'string' ||
    tenantId.length === 0 ||
    tenantId.length > 128 ||
    !/^[A-Za-z0-9_-]+$/.test(tenantId)
  ) {
    throw new KeyVaultError('INVALID_TENANT_ID', 'tenantId must be 1-128 characters of A-Z, a-z, 0-9, "_" or "-"');
  }
}
