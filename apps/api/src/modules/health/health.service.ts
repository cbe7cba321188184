import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../../infrastructure/redis.module';
import { READINESS_PROBES, type ReadinessProbe } from './readiness-probe';

export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

const TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref(),
    ),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[],
  ) {}

  /** Each dependency checked in parallel, each with its own timeout. */
  async readiness(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const all: ReadinessProbe[] = [
      { name: 'postgres', check: async () => void (await this.dataSource.query('SELECT 1')) },
      { name: 'redis', check: async () => void (await this.redis.ping()) },
      ...this.probes,
    ];
    const results = await Promise.all(
      all.map(async (probe): Promise<[string, CheckResult]> => {
        try {
          await withTimeout(probe.check());
          return [probe.name, { status: 'up' }];
        } catch (error) {
          return [probe.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
        }
      }),
    );
    const checks = Object.fromEntries(results);
    return { ready: results.every(([, result]) => result.status === 'up'), checks };
  }
}
