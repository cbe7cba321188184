import type { ApiConfig } from '@bufor/config';
import { AwsKmsKeyVault } from './aws-kms-key-vault';
import type { KeyVault } from './key-vault';
import { LocalKeyVault } from './local-key-vault';

export type KeyVaultConfig = Pick<
  ApiConfig,
  'KMS_PROVIDER' | 'KMS_LOCAL_MASTER_KEY_FILE' | 'KMS_AWS_KEY_ID' | 'KMS_AWS_REGION' | 'KMS_AWS_ENDPOINT'
>;

/** The key vault selected by configuration; the local one reads (or creates) its master key file here, at start-up. */
export async function createKeyVault(config: KeyVaultConfig): Promise<KeyVault> {
  switch (config.KMS_PROVIDER) {
    case 'local':
      return LocalKeyVault.fromFile(config.KMS_LOCAL_MASTER_KEY_FILE);
    case 'aws':
      if (!config.KMS_AWS_KEY_ID) throw new Error('KMS_AWS_KEY_ID is required when KMS_PROVIDER=aws');
      return new AwsKmsKeyVault({
        keyId: config.KMS_AWS_KEY_ID,
        region: config.KMS_AWS_REGION,
        endpoint: config.KMS_AWS_ENDPOINT,
      });
  }
}
