import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startKmsStub, type KmsStub } from '../testing/kms-stub';
import { AwsKmsKeyVault } from './aws-kms-key-vault';
import { KeyVaultError } from './key-vault';
import { SecretBox } from './secret-box';
import { parseSecretEnvelope } from './secret-envelope';

const TENANT_A = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';
const TENANT_B = '0b4d2a77-1c3e-4f5a-8b9c-7d6e5f4a3b21';
const credentials = { accessKeyId: 'AKIATESTTESTTEST', secretAccessKey: 'test-secret-access-key' };

describe('AwsKmsKeyVault against a KMS JSON-protocol stub', () => {
  let kms: KmsStub;
  let vault: AwsKmsKeyVault;

  beforeAll(async () => {
    kms = await startKmsStub();
    vault = new AwsKmsKeyVault({ keyId: kms.keyArn, region: 'eu-central-1', endpoint: kms.endpoint, credentials });
  });
  afterAll(async () => {
    vault.close();
    await kms.close();
  });
  beforeEach(() => {
    kms.requests.length = 0;
  });

  it('maps GenerateDataKey: key id, AES_256, tenant in the encryption context, signed request', async () => {
    const dataKey = await vault.generateDataKey(TENANT_A);
    expect(kms.requests).toHaveLength(1);
    const [request] = kms.requests;
    expect(request!.target).toBe('TrentService.GenerateDataKey');
    expect(request!.body).toEqual({ KeyId: kms.keyArn, KeySpec: 'AES_256', EncryptionContext: { tenantId: TENANT_A } });
    expect(request!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATESTTESTTEST\/\d{8}\/eu-central-1\/kms\//);
    expect(dataKey.plaintext).toHaveLength(32);
    expect(dataKey.keyId).toBe(kms.keyArn);
    expect(dataKey.wrapped.length).toBeGreaterThan(32);
  });

  it('maps Decrypt: the wrapped blob, the pinned key and the tenant context', async () => {
    const dataKey = await vault.generateDataKey(TENANT_A);
    const plaintext = await vault.unwrapDataKey(TENANT_A, dataKey.wrapped, dataKey.keyId);
    expect(plaintext).toEqual(dataKey.plaintext);
    const decrypt = kms.requests[1]!;
    expect(decrypt.target).toBe('TrentService.Decrypt');
    expect(decrypt.body).toEqual({
      CiphertextBlob: dataKey.wrapped.toString('base64'),
      KeyId: kms.keyArn,
      EncryptionContext: { tenantId: TENANT_A },
    });
  });

  it('turns a KMS rejection for another tenant into DATA_KEY_UNWRAP_FAILED', async () => {
    const dataKey = await vault.generateDataKey(TENANT_A);
    await expect(vault.unwrapDataKey(TENANT_B, dataKey.wrapped)).rejects.toMatchObject({
      code: 'DATA_KEY_UNWRAP_FAILED',
      message: expect.stringContaining('InvalidCiphertextException'),
    });
  });

  it('reports other KMS failures as KMS_REQUEST_FAILED with the error name', async () => {
    const wrongKey = new AwsKmsKeyVault({
      keyId: 'arn:aws:kms:eu-central-1:111122223333:key/missing',
      region: 'eu-central-1',
      endpoint: kms.endpoint,
      credentials,
    });
    const attempt = wrongKey.generateDataKey(TENANT_A);
    await expect(attempt).rejects.toBeInstanceOf(KeyVaultError);
    await expect(attempt).rejects.toMatchObject({
      code: 'KMS_REQUEST_FAILED',
      message: 'KMS GenerateDataKey failed: NotFoundException',
    });
    wrongKey.close();
  });

  it('seals and opens secrets through KMS, caching data keys briefly', async () => {
    let now = 1_000_000;
    const box = new SecretBox(vault, { cacheTtlMs: 60_000, now: () => now });
    const first = await box.seal(TENANT_A, 'token-one');
    const second = await box.seal(TENANT_A, 'token-two');
    expect(parseSecretEnvelope(first).keyId).toBe(kms.keyArn);
    expect(kms.requests.map((request) => request.target)).toEqual(['TrentService.GenerateDataKey']);

    expect((await box.open(TENANT_A, first)).revealString()).toBe('token-one');
    expect((await box.open(TENANT_A, second)).revealString()).toBe('token-two');
    expect(kms.requests.filter((request) => request.target === 'TrentService.Decrypt')).toHaveLength(1);

    now += 60_001;
    await box.seal(TENANT_A, 'token-three');
    await box.open(TENANT_A, first);
    expect(kms.requests.map((request) => request.target)).toEqual([
      'TrentService.GenerateDataKey',
      'TrentService.Decrypt',
      'TrentService.GenerateDataKey',
      'TrentService.Decrypt',
    ]);

    await expect(box.open(TENANT_B, first)).rejects.toMatchObject({ code: 'DATA_KEY_UNWRAP_FAILED' });
  });

  it('shares one GenerateDataKey among concurrent seals of a tenant and uses separate keys per tenant', async () => {
    const box = new SecretBox(vault);
    await Promise.all([box.seal(TENANT_A, 'a'), box.seal(TENANT_A, 'b'), box.seal(TENANT_B, 'c')]);
    const generated = kms.requests.filter((request) => request.target === 'TrentService.GenerateDataKey');
    expect(generated.map((request) => request.body['EncryptionContext'])).toEqual([
      { tenantId: TENANT_A },
      { tenantId: TENANT_B },
    ]);
  });
});
