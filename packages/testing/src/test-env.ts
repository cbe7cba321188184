/** Where tests find PostgreSQL and Redis (the same local servers the dev stack uses, separate databases/prefixes). */
export const testEnv = {
  postgresAdminUrl: process.env['TEST_POSTGRES_URL'] ?? 'postgres://bufor:bufor@127.0.0.1:5432/postgres',
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/0',
};
