import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export interface DatabaseOptions {
  url: string;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
  poolSize?: number;
  logging?: DataSourceOptions['logging'];
}

/** The one way every process builds its TypeORM DataSource: same entities, same migrations, no synchronize. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension (and no superuser) needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    applicationName: options.applicationName ?? 'bufor',
    extra: { max: options.poolSize ?? 10 },
  });
}
