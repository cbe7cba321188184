import { z } from 'zod';
import { secret } from './parse-env';

const DEV_ONLY = 'dev-only-insecure-secret-change-me';

export const nodeEnv = z.enum(['development', 'test', 'production']).default('development');
/** json for machines (production); pretty for people (the local stack). */
export const logFormat = z.enum(['json', 'pretty']).default('json');
export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
export const port = (defaultPort: number) => z.coerce.number().int().min(1).max(65535).default(defaultPort);
export const booleanFlag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const url = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with protocol ${protocols.join(' or ')}, e.g. ${example}`,
  );

export const httpUrl = (example: string) => url(['http:', 'https:'], example);

/** The apps connect as a role that is not the tables' owner, so PostgreSQL row-level security applies to them. */
export const databaseSchema = {
  DATABASE_URL: secret(
    url(['postgres:', 'postgresql:'], 'postgres://bufor_app:bufor_app@127.0.0.1:5432/bufor').default(
      'postgres://bufor_app:bufor_app@127.0.0.1:5432/bufor',
    ),
  ),
};

/** The owner of the schema: migrations and the demo seed only. */
export const migrationDatabaseSchema = {
  DATABASE_MIGRATION_URL: secret(
    url(['postgres:', 'postgresql:'], 'postgres://bufor:bufor@127.0.0.1:5432/bufor').default(
      'postgres://bufor:bufor@127.0.0.1:5432/bufor',
    ),
  ),
};

export const redisSchema = {
  REDIS_URL: secret(url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379/0').default('redis://127.0.0.1:6379/0')),
  /** Prefix of every Redis key (BullMQ queues, rate limits); lets several deployments or tests share one Redis. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default('bufor'),
};

export const objectStoreSchema = {
  S3_ENDPOINT: httpUrl('http://127.0.0.1:4569').optional().default('http://127.0.0.1:4569'),
  S3_REGION: z.string().default('eu-central-1'),
  S3_BUCKET: z.string().min(3).default('bufor-documents'),
  S3_ACCESS_KEY_ID: z.string().default('S3RVER'),
  S3_SECRET_ACCESS_KEY: secret(z.string().default('S3RVER')),
  S3_FORCE_PATH_STYLE: booleanFlag(true),
};

export const keyVaultSchema = {
  /** local: AES-256-GCM master key from a file; aws: AWS KMS (KMS_AWS_KEY_ID). */
  KMS_PROVIDER: z.enum(['local', 'aws']).default('local'),
  KMS_LOCAL_MASTER_KEY_FILE: z.string().default('var/kms/master.key'),
  KMS_AWS_KEY_ID: z.string().optional(),
  KMS_AWS_REGION: z.string().default('eu-central-1'),
  KMS_AWS_ENDPOINT: httpUrl('https://kms.eu-central-1.amazonaws.com').optional(),
};

export const mailSchema = {
  SMTP_URL: secret(url(['smtp:', 'smtps:'], 'smtp://127.0.0.1:1025').default('smtp://127.0.0.1:1025')),
  MAIL_FROM: z.string().default('Bufor <no-reply@bufor.local>'),
};

/** A secret with a development default that production must override. */
export const devDefaultSecret = (minLength = 32) =>
  secret(z.string().min(minLength).default(DEV_ONLY.padEnd(minLength, '!')));

export function isDevDefaultSecret(value: string): boolean {
  return value.startsWith(DEV_ONLY);
}
