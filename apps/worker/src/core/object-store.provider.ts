import { createObjectStore, type ObjectStore } from '@bufor/platform';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { WORKER_CONFIG, type WorkerConfig } from './worker-config';

/** Injection token of the object store (S3 API; s3rver locally, MinIO in compose, S3 in production). */
export const OBJECT_STORE = Symbol('OBJECT_STORE');
export type { ObjectStore };

export const objectStoreProvider: Provider = {
  provide: OBJECT_STORE,
  useFactory: (config: WorkerConfig): ObjectStore => createObjectStore(config),
  inject: [WORKER_CONFIG],
};

@Injectable()
export class ObjectStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  onApplicationShutdown(): void {
    this.store.close();
  }
}
