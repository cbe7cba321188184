import { describe, expect, it } from 'vitest';
import { apiEnvSchema } from './api.schema';
import { ConfigError, maskSecrets, parseEnv, secretKeys } from './parse-env';
import { webEnvSchema } from './web.schema';
import { workerEnvSchema } from './worker.schema';

describe('parseEnv', () => {
  it('gives every app working embedded defaults on an empty environment', () => {
    const api = parseEnv('api', apiEnvSchema, {});
    expect(api.DATABASE_URL).toBe('postgres://bufor_app:bufor_app@127.0.0.1:5432/bufor');
    expect(api.S3_FORCE_PATH_STYLE).toBe(true);
    expect(parseEnv('worker', workerEnvSchema, {}).WORKER_PORT).toBe(3002);
  });

  it('lists every invalid key, not only the first', () => {
    const attempt = () =>
      parseEnv('api', apiEnvSchema, { DATABASE_URL: 'nonsense', API_PORT: '99999', KMS_PROVIDER: 'vault' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const keys = (error as ConfigError).issues.map((issue) => issue.key).sort();
      expect(keys).toEqual(['API_PORT', 'DATABASE_URL', 'KMS_PROVIDER']);
      expect((error as ConfigError).message).toContain('DATABASE_URL: must be a URL with protocol postgres:');
    }
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv('api', apiEnvSchema, { API_PORT: '' }).API_PORT).toBe(3000);
  });

  it('requires the AWS key id when KMS_PROVIDER=aws', () => {
    expect(() => parseEnv('api', apiEnvSchema, { KMS_PROVIDER: 'aws' })).toThrow(/KMS_AWS_KEY_ID/);
  });

  it('refuses development secrets in production', () => {
    expect(() => parseEnv('web', webEnvSchema, { NODE_ENV: 'production' })).toThrow(/NEXTAUTH_SECRET: must be set/);
    const secretValue = 'x'.repeat(40);
    expect(
      parseEnv('web', webEnvSchema, { NODE_ENV: 'production', NEXTAUTH_SECRET: secretValue }).NEXTAUTH_SECRET,
    ).toBe(secretValue);
  });

  it('masks secrets for logging', () => {
    const config = parseEnv('api', apiEnvSchema, { DATABASE_URL: 'postgres://u:p@db:5432/x' });
    expect(secretKeys(apiEnvSchema)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'S3_SECRET_ACCESS_KEY', 'SMTP_URL']),
    );
    const masked = maskSecrets(apiEnvSchema, config);
    expect(masked.DATABASE_URL).toBe('***');
    expect(masked.API_PORT).toBe(3000);
  });
});
