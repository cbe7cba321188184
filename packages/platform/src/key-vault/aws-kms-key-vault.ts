import { DecryptCommand, GenerateDataKeyCommand, KMSClient, type KMSClientConfig } from '@aws-sdk/client-kms';
import { inspect } from 'node:util';
import { assertTenantId, DataKey, type KeyVault, KeyVaultError } from './key-vault';

export interface AwsKmsKeyVaultOptions {
  /** Key id, ARN or alias of the symmetric KMS key that wraps the data keys. */
  keyId: string;
  region: string;
  /** Custom endpoint (VPC endpoint, or a local stand-in in tests); the SDK picks the regional one otherwise. */
  endpoint?: string | undefined;
  /** Explicit credentials; without them the SDK's default chain applies (environment, web identity, instance role). */
  credentials?: KMSClientConfig['credentials'];
}

/** KMS rejections that mean "this wrapped key is not for this tenant or was altered", as opposed to an outage. */
const UNWRAP_REJECTIONS = new Set(['InvalidCiphertextException', 'IncorrectKeyException']);

/**
 * Production key vault on AWS KMS. The tenant id travels as the encryption context, so KMS itself refuses to
 * decrypt a data key for another tenant, and CloudTrail records which tenant each decryption was for.
 */
export class AwsKmsKeyVault implements KeyVault {
  readonly provider = 'aws' as const;
  private readonly client: KMSClient;

  constructor(private readonly options: AwsKmsKeyVaultOptions) {
    this.client = new KMSClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  async generateDataKey(tenantId: string): Promise<DataKey> {
    assertTenantId(tenantId);
    const output = await this.send('GenerateDataKey', () =>
      this.client.send(
        new GenerateDataKeyCommand({
          KeyId: this.options.keyId,
          KeySpec: 'AES_256',
          EncryptionContext: encryptionContext(tenantId),
        }),
      ),
    );
    if (!output.Plaintext || !output.CiphertextBlob || output.Plaintext.length !== 32) {
      throw new KeyVaultError('KMS_REQUEST_FAILED', 'KMS GenerateDataKey returned no usable 256-bit data key');
    }
    return new DataKey(
      Buffer.from(output.Plaintext),
      Buffer.from(output.CiphertextBlob),
      output.KeyId ?? this.options.keyId,
    );
  }

  async unwrapDataKey(tenantId: string, wrapped: Buffer, keyId?: string): Promise<Buffer> {
    assertTenantId(tenantId);
    const output = await this.send(
      'Decrypt',
      () =>
        this.client.send(
          new DecryptCommand({
            CiphertextBlob: wrapped,
            // The key recorded in the envelope, so envelopes made before KMS_AWS_KEY_ID changed still open; the
            // tenant's encryption context, not the key id, is what keeps one tenant's data keys from another.
            KeyId: keyId ?? this.options.keyId,
            EncryptionContext: encryptionContext(tenantId),
          }),
        ),
      tenantId,
    );
    if (!output.Plaintext) throw new KeyVaultError('KMS_REQUEST_FAILED', 'KMS Decrypt returned no plaintext');
    return Buffer.from(output.Plaintext);
  }

  /** Releases the SDK's sockets. */
  close(): void {
    this.client.destroy();
  }

  toJSON(): Record<string, string> {
    return { provider: this.provider, keyId: this.options.keyId, region: this.options.region };
  }

  toString(): string {
    return `AwsKmsKeyVault(${this.options.keyId})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  private async send<T>(operation: string, call: () => Promise<T>, unwrapTenant?: string): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const name = error instanceof Error ? error.name : 'UnknownError';
      if (unwrapTenant !== undefined && UNWRAP_REJECTIONS.has(name)) {
        throw new KeyVaultError(
          'DATA_KEY_UNWRAP_FAILED',
          `data key does not unwrap for tenant ${unwrapTenant}: it belongs to another tenant or was altered (KMS ${name})`,
          { cause: error },
        );
      }
      throw new KeyVaultError('KMS_REQUEST_FAILED', `KMS ${operation} failed: ${name}`, { cause: error });
    }
  }
}

function encryptionContext(tenantId: string): Record<string, string> {
  return { tenantId };
}
