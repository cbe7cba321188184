import { z } from 'zod';
import {
  databaseSchema,
  httpUrl,
  isDevDefaultSecret,
  keyVaultSchema,
  logFormat,
  logLevel,
  mailSchema,
  nodeEnv,
  objectStoreSchema,
  port,
  redisSchema,
} from './common.schema';

export const apiEnvSchema = z
  .object({
    NODE_ENV: nodeEnv,
    LOG_LEVEL: logLevel,
    LOG_FORMAT: logFormat,
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: port(3000),
    /** How long a signed-in session lasts without signing in again. */
    AUTH_SESSION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(8 * 3600),
    /** Failed password attempts after which an account is locked for AUTH_LOCKOUT_SECONDS. */
    AUTH_MAX_FAILED_LOGINS: z.coerce.number().int().min(1).default(5),
    AUTH_LOCKOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .default(15 * 60),
    PUBLIC_WEB_URL: httpUrl('http://localhost:3001').default('http://localhost:3001'),
    /** Tenants are resolved from `{slug}.<BASE_DOMAIN>`. */
    BASE_DOMAIN: z.string().default('localhost'),
    KSEF_SIM_URL: httpUrl('http://127.0.0.1:8100/v2').default('http://127.0.0.1:8100/v2'),
    ...databaseSchema,
    ...redisSchema,
    ...objectStoreSchema,
    ...keyVaultSchema,
    ...mailSchema,
  })
  .superRefine(requireAwsKeyWhenAws);

export type ApiConfig = z.infer<typeof apiEnvSchema>;

export function requireProductionSecrets(keys: string[]) {
  return (config: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (config['NODE_ENV'] !== 'production') return;
    for (const key of keys) {
      const value = config[key];
      if (typeof value === 'string' && isDevDefaultSecret(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'must be set to a real secret in production' });
      }
    }
  };
}

export function requireAwsKeyWhenAws(
  config: { KMS_PROVIDER: string; KMS_AWS_KEY_ID?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (config.KMS_PROVIDER === 'aws' && !config.KMS_AWS_KEY_ID) {
    ctx.addIssue({ code: 'custom', path: ['KMS_AWS_KEY_ID'], message: 'is required when KMS_PROVIDER=aws' });
  }
}
