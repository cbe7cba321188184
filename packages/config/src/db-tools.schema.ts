import { z } from 'zod';
import { migrationDatabaseSchema, nodeEnv } from './common.schema';
import { secret } from './parse-env';

/** Environment of the database tools (migrate, seed): they act as the schema owner. */
export const dbToolsEnvSchema = z.object({ NODE_ENV: nodeEnv, ...migrationDatabaseSchema });

/** Environment of the demo seed (never run in production unless forced). */
export const seedEnvSchema = dbToolsEnvSchema.extend({
  DEMO_ADMIN_EMAIL: z.email().default('admin@demo.bufor.local'),
  /** When unset, a random password is made once and kept in DEMO_CREDENTIALS_FILE. */
  DEMO_ADMIN_PASSWORD: secret(z.string().min(10).optional()),
  DEMO_CREDENTIALS_FILE: z.string().default('var/demo-credentials.json'),
});
