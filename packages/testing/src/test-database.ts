import { createHash, randomBytes } from 'node:crypto';
import { createDataSource, grantAppRole, migrations, runMigrations } from '@bufor/db';
import { Client } from 'pg';
import { testEnv } from './test-env';

const LOCK_ID = 727101;

function urlFor(database: string, as: 'owner' | 'app' = 'owner'): string {
  const url = new URL(testEnv.postgresAdminUrl);
  url.pathname = `/${database}`;
  if (as === 'app') {
    url.username = testEnv.postgresAppUser;
    url.password = testEnv.postgresAppPassword;
  }
  return url.toString();
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testEnv.postgresAdminUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    return await work(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

/** Name of the template for the current migrations' code: a new or edited migration gets a new template. */
function templateName(): string {
  const hash = createHash('sha256')
    .update(migrations.map((migration) => `${migration.name}:${migration.prototype.up.toString()}`).join(','))
    .digest('hex')
    .slice(0, 12);
  return `bufor_tpl_${hash}`;
}

async function ensureTemplate(client: Client): Promise<string> {
  const name = templateName();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount) return name;
  // Built under a temporary name and renamed when complete, so a failed run never leaves a half-made template.
  const building = `${name}_building`;
  await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${building}"`);
  // runMigrations holds an advisory lock on one connection and migrates on another: the pool needs two.
  const dataSource = createDataSource({ url: urlFor(building), applicationName: 'bufor-test-template', poolSize: 2 });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
  return name;
}

export interface TestDatabase {
  readonly name: string;
  /** As the schema owner (test data, assertions). */
  readonly url: string;
  /** As the app role, confined by row-level security: what the API and worker use. */
  readonly appUrl: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the template (fast: no migrations per file). */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `bufor_t_${label
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 20)
    .toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    const template = await ensureTemplate(client);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  // Grants are applied to each clone too: the app role may have been created after the template was made.
  const owner = createDataSource({ url: urlFor(name), applicationName: 'bufor-test-grants', poolSize: 1 });
  await owner.initialize();
  try {
    await grantAppRole(owner.createQueryRunner());
  } finally {
    await owner.destroy();
  }
  return {
    name,
    url: urlFor(name),
    appUrl: urlFor(name, 'app'),
    drop: () => dropDatabase(name),
  };
}

/**
 * Drops a test database. FORCE may not terminate a backend of another role that is still closing (the owner is not
 * a superuser), so it is retried briefly; a database left behind is harmless (names are unique per test file), so
 * teardown then warns instead of failing tests that passed.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
      return;
    } catch (error) {
      if (attempt >= 10) {
        console.warn(`test database ${name} not dropped: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

/** A Redis key prefix no other test uses. */
export function testRedisPrefix(label = 'test'): string {
  return `bufortest:${label}:${randomBytes(4).toString('hex')}`;
}
