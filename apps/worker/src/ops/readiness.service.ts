import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { redisConnectionOptions } from '../core/redis-connection';
import { WORKER_CONFIG, type WorkerConfig } from '../core/worker-config';
import { GracefulShutdown } from '../lifecycle/graceful-shutdown.service';

/**
 * What /ready pings for the object store (CoreModule binds it to the ObjectStore; optional so a slimmer worker
 * without object storage still boots).
 */
export const OBJECT_STORE_PING = Symbol('OBJECT_STORE_PING');
export interface ObjectStorePing {
  ping(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, { readonly ok: boolean; readonly error?: string }>;
}

/** /ready: the dependencies this worker needs to do its jobs answer, and the worker is not draining. */
@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly shutdown: GracefulShutdown,
    @Inject(WORKER_CONFIG) config: WorkerConfig,
    @Optional() @Inject(OBJECT_STORE_PING) private readonly objectStore?: ObjectStorePing,
  ) {
    // A separate, non-blocking client that fails fast: readiness must not queue commands while Redis is down.
    this.redis = new Redis({
      ...redisConnectionOptions(config.REDIS_URL),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: 'bufor-worker-readiness',
    });
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<ReadinessReport> {
    const checks: Record<string, () => Promise<unknown>> = {
      postgres: () => this.dataSource.query('SELECT 1'),
      redis: () => this.pingRedis(),
    };
    if (this.objectStore) checks['objectStore'] = () => this.objectStore!.ping();
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, run]) => [name, await outcomeOf(run)] as const),
    );
    const draining = this.shutdown.isDraining();
    const report = Object.fromEntries(results);
    if (draining) report['worker'] = { ok: false, error: 'draining' };
    return { ready: !draining && results.every(([, result]) => result.ok), checks: report };
  }

  private async pingRedis(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
    await this.redis.ping();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

async function outcomeOf(run: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  const timeout = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) =>
        timeout.addEventListener('abort', () => reject(new Error('timed out')), { once: true }),
      ),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
