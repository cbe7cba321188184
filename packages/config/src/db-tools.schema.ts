import { z } from 'zod';
import { migrationDatabaseSchema, nodeEnv, objectStoreSchema } from './common.schema';
import { secret } from './parse-env';

/** Environment of the database tools (migrate, seed): they act as the schema owner. */
export const dbToolsEnvSchema = z.object({ NODE_ENV: nodeEnv, ...migrationDatabaseSchema });

/** Environment of the demo seed (never run in production unless forced). */
export const seedEnvSchema = dbToolsEnvSchema.extend({
  /** Where the demo invoices' XML goes (the API reads it from there for the PDF preview). */
  ...objectStoreSchema,
  /**
   * When S3_ENDPOINT is this machine's and nothing answers there (scripts/up.sh seeds before the stack starts), the
   * seed runs the local S3 itself for a moment over this directory, which the dev services then serve.
   */
  DEMO_S3_DIR: z.string().default('var/s3'),
  DEMO_ADMIN_EMAIL: z.email().default('admin@demo.bufor.local'),
  /** When unset, a random password is made once and kept in DEMO_CREDENTIALS_FILE. */
  DEMO_ADMIN_PASSWORD: secret(z.string().min(10).optional()),
  DEMO_CREDENTIALS_FILE: z.string().default('var/demo-credentials.json'),
});
