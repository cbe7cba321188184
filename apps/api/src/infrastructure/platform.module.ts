import { Global, Module } from '@nestjs/common';
import { READINESS_PROBES, type ReadinessProbe } from '../modules/health/readiness-probe';

/** Adapters to external systems (object store, key vault, mail) and their readiness probes. */
@Global()
@Module({
  providers: [{ provide: READINESS_PROBES, useFactory: (): ReadinessProbe[] => [] }],
  exports: [READINESS_PROBES],
})
export class PlatformModule {}
