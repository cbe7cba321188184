import { apiEnvSchema, parseEnv } from '@bufor/config';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsKmsKeyVault } from '../key-vault/aws-kms-key-vault';
import { createKeyVault } from '../key-vault/create-key-vault';
import { SecretBox } from '../key-vault/secret-box';
import { createMailer } from '../mail/create-mailer';
import { createObjectStore } from '../object-store/create-object-store';
import { objectKey } from '../object-store/object-key';
import { startLocalMailCatcher } from './local-mail-catcher';
import { startDevServices, type DevServices } from './dev-services';
import { probeDevServices } from './probe-dev-services';

const TENANT = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';

describe('dev services with adapters built from the API configuration', () => {
  let dir: string;
  let services: DevServices;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bufor-dev-'));
    services = await startDevServices({ s3Port: 0, mailSmtpPort: 0, mailWebPort: 0, dataDir: dir });
  });
  afterAll(async () => {
    await services.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const config = () =>
    parseEnv('api', apiEnvSchema, {
      S3_ENDPOINT: services.s3Endpoint,
      SMTP_URL: services.smtpUrl,
      KMS_LOCAL_MASTER_KEY_FILE: join(dir, 'kms', 'master.key'),
    });

  it('stores objects in the default bucket through the configured ObjectStore', async () => {
    const store = createObjectStore(config());
    try {
      expect(store.bucket).toBe(services.bucket);
      await expect(store.ping()).resolves.toBeUndefined();
      await store.put(objectKey(TENANT, 'hello.txt'), 'cześć');
      expect((await store.get(objectKey(TENANT, 'hello.txt'))).body.toString('utf8')).toBe('cześć');
      // Objects live on disk under the data directory, so they survive a restart of the dev command.
      await expect(stat(join(dir, 's3', services.bucket))).resolves.toBeTruthy();
    } finally {
      store.close();
    }
  });

  it('sends mail through the configured Mailer into the catcher', async () => {
    const mailer = createMailer(config());
    try {
      await mailer.send({ to: 'admin@demo.pl', subject: 'Zaproszenie do Bufora', text: 'Witaj' });
    } finally {
      mailer.close();
    }
    // Read back through a second handle on the same inbox, as a test in another process would.
    const response = await fetch(`${services.mailWebUrl}/api/email`);
    const emails = (await response.json()) as { subject: string; from: { address: string }[] }[];
    expect(emails.map((email) => email.subject)).toContain('Zaproszenie do Bufora');
    expect(emails[0]?.from[0]?.address).toBe('no-reply@bufor.local');
  });

  it('creates the local key vault from configuration, and the AWS one when KMS_PROVIDER=aws', async () => {
    const vault = await createKeyVault(config());
    expect(vault.provider).toBe('local');
    expect((await stat(join(dir, 'kms', 'master.key'))).mode & 0o777).toBe(0o600);
    const box = new SecretBox(vault);
    expect((await box.open(TENANT, await box.seal(TENANT, 'sekret'))).revealString()).toBe('sekret');

    const aws = await createKeyVault(
      parseEnv('api', apiEnvSchema, {
        KMS_PROVIDER: 'aws',
        KMS_AWS_KEY_ID: 'alias/bufor',
        KMS_AWS_REGION: 'eu-west-1',
      }),
    );
    expect(aws).toBeInstanceOf(AwsKmsKeyVault);
    expect(JSON.parse(JSON.stringify(aws))).toEqual({ provider: 'aws', keyId: 'alias/bufor', region: 'eu-west-1' });
    (aws as AwsKmsKeyVault).close();
  });

  it('tells a second dev command that the services already run', async () => {
    expect(await probeDevServices(services)).toEqual({ s3: true, mail: true });
    expect(await probeDevServices({ s3Endpoint: 'http://127.0.0.1:1', mailWebUrl: 'http://127.0.0.1:1' })).toEqual({
      s3: false,
      mail: false,
    });
  });

  it('refuses to start a second catcher on ports already taken, naming the problem', async () => {
    const smtpPort = Number(new URL(services.smtpUrl).port);
    await expect(startLocalMailCatcher({ smtpPort, webPort: 0, directory: join(dir, 'mail-2') })).rejects.toThrow(
      /EADDRINUSE|in use/,
    );
  });
});
