/** Where tests find PostgreSQL and Redis (the same local servers the dev stack uses, separate databases/prefixes). */
export const testEnv = {
  /** The schema owner: creates and migrates databases, builds test data (row-level security does not confine it). */
  postgresAdminUrl: process.env['TEST_POSTGRES_URL'] ?? 'postgres://bufor:bufor@127.0.0.1:5432/postgres',
  /** Credentials of the app role, which row-level security confines to one tenant (as in production). */
  postgresAppUser: process.env['TEST_POSTGRES_APP_USER'] ?? 'bufor_app',
  postgresAppPassword: process.env['TEST_POSTGRES_APP_PASSWORD'] ?? 'bufor_app',
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0',
};
