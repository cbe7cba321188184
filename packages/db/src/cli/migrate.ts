import { dbToolsEnvSchema, loadConfigOrExit } from '@bufor/config';
import { createDataSource } from '../data-source';
import { runMigrations } from '../migrate';

async function main(): Promise<void> {
  const config = loadConfigOrExit('db-migrate', dbToolsEnvSchema);
  const dataSource = createDataSource({
    url: config.DATABASE_MIGRATION_URL,
    applicationName: 'bufor-migrate',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(
      applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database schema is up to date\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
