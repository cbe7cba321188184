import type { DataSource } from 'typeorm';

/** Applies pending migrations; concurrent callers are serialised by a PostgreSQL advisory lock. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(727100)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(727100)').catch(() => undefined);
    await runner.release();
  }
}

/** SQL the entities would still need after migrations: empty when migrations are up to date with the entities. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}
