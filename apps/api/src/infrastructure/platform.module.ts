import { createKeyVault, createMailer, createObjectStore, type Mailer, type ObjectStore } from '@bufor/platform';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { READINESS_PROBES, type ReadinessProbe } from '../modules/health/readiness-probe';

export const OBJECT_STORE = Symbol('OBJECT_STORE');
export const KEY_VAULT = Symbol('KEY_VAULT');
export const MAILER = Symbol('MAILER');

/** Adapters to external systems (object store, key vault, mail), chosen by configuration, and their readiness. */
@Global()
@Module({
  providers: [
    { provide: OBJECT_STORE, inject: [API_CONFIG], useFactory: (config: ApiConfig) => createObjectStore(config) },
    { provide: KEY_VAULT, inject: [API_CONFIG], useFactory: (config: ApiConfig) => createKeyVault(config) },
    { provide: MAILER, inject: [API_CONFIG], useFactory: (config: ApiConfig) => createMailer(config) },
    {
      provide: READINESS_PROBES,
      inject: [OBJECT_STORE],
      useFactory: (store: ObjectStore): ReadinessProbe[] => [{ name: 'objectStore', check: () => store.ping() }],
    },
  ],
  exports: [OBJECT_STORE, KEY_VAULT, MAILER, READINESS_PROBES],
})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(OBJECT_STORE) private readonly objectStore: ObjectStore,
    @Inject(MAILER) private readonly mailer: Mailer,
  ) {}

  onApplicationShutdown(): void {
    this.objectStore.close();
    this.mailer.close();
  }
}
