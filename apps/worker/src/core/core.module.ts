import { createDataSource, TenantScope } from '@bufor/db';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InFlightJobs } from '../lifecycle/in-flight-jobs';
import { OBJECT_STORE_PING } from '../ops/readiness.service';
import { WorkerMetrics } from '../ops/worker-metrics.service';
import { LOGGER, type Logger } from './logger';
import { OBJECT_STORE, ObjectStoreLifecycle, objectStoreProvider } from './object-store.provider';
import { WORKER_CONFIG, type WorkerConfig } from './worker-config';
import { WORKER_ID, workerId } from './worker-id';

/** Closes the database pool last, after the queue workers (BullMQ's own hook) have stopped. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Process-wide providers: configuration, logger, database, object store, metrics and the in-flight job tracker. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: WORKER_ID, useFactory: workerId },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource({
              url: config.DATABASE_URL,
              applicationName: 'bufor-worker',
              // One connection per concurrent job plus readiness checks.
              poolSize: config.WORKER_CONCURRENCY + 2,
            });
            return dataSource.initialize();
          },
        },
        {
          provide: TenantScope,
          useFactory: (dataSource: DataSource) => new TenantScope(dataSource),
          inject: [DataSource],
        },
        DatabaseLifecycle,
        objectStoreProvider,
        ObjectStoreLifecycle,
        { provide: OBJECT_STORE_PING, useExisting: OBJECT_STORE },
        WorkerMetrics,
        InFlightJobs,
      ],
      exports: [
        WORKER_CONFIG,
        LOGGER,
        WORKER_ID,
        DataSource,
        TenantScope,
        OBJECT_STORE,
        OBJECT_STORE_PING,
        WorkerMetrics,
        InFlightJobs,
      ],
    };
  }
}
