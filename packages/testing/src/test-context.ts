import { createDataSource } from '@bufor/db';
import type { DataSource } from 'typeorm';
import { TestBuilders } from './builders';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestContext extends TestBuilders {
  readonly database: TestDatabase;
  readonly dataSource: DataSource;
  destroy(): Promise<void>;
}

/** One migrated database for a test file with builders bound to it; call destroy() in afterAll. */
export async function createTestContext(label: string): Promise<TestContext> {
  const database = await createTestDatabase(label);
  const dataSource = createDataSource({ url: database.url, applicationName: `bufor-test-${label}`, poolSize: 4 });
  await dataSource.initialize();
  const builders = new TestBuilders(dataSource);
  return Object.assign(builders, {
    database,
    dataSource,
    async destroy() {
      await dataSource.destroy();
      await database.drop();
    },
  });
}
