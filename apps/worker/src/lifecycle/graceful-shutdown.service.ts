import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOGGER, type Logger } from '../core/logger';
import { WORKER_CONFIG, type WorkerConfig } from '../core/worker-config';
import { QueueConsumers } from '../queues/queue-consumers.service';
import { InFlightJobs } from './in-flight-jobs';

/** After the abort, how long handlers get to notice it and hand their job back before we stop waiting. */
const RELEASE_GRACE_MS = 5_000;

export type DrainResult =
  | { readonly kind: 'finished' }
  | { readonly kind: 'released'; readonly jobs: number }
  | { readonly kind: 'abandoned'; readonly jobs: number };

/**
 * SIGTERM: stop fetching, let in-flight jobs finish within WORKER_SHUTDOWN_TIMEOUT_MS, otherwise abort them so the
 * runner moves each back to the queue. A handler that ignores the abort keeps its Redis lock until this process
 * exits; BullMQ's stalled-job check then returns the job to the queue, so it is late but never lost.
 */
@Injectable()
export class GracefulShutdown {
  private draining: Promise<DrainResult> | undefined;

  constructor(
    private readonly consumers: QueueConsumers,
    private readonly inFlight: InFlightJobs,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  isDraining(): boolean {
    return this.draining !== undefined;
  }

  drain(): Promise<DrainResult> {
    this.draining ??= this.drainOnce();
    return this.draining;
  }

  private async drainOnce(): Promise<DrainResult> {
    const timeoutMs = this.config.WORKER_SHUTDOWN_TIMEOUT_MS;
    this.logger.info(
      { inFlight: this.inFlight.count(), timeoutMs },
      'draining: no new jobs, waiting for in-flight jobs',
    );
    // close() stops the fetch loop at once and resolves when the active jobs have ended and connections are closed.
    const closed = Promise.all(this.consumers.workers().map((worker) => worker.close())).then(() => true);
    if (await settlesWithin(closed, timeoutMs)) return { kind: 'finished' };

    const jobs = this.inFlight.releaseAll();
    this.logger.warn({ jobs, timeoutMs }, 'shutdown timeout reached: releasing in-flight jobs back to the queue');
    if (await settlesWithin(closed, RELEASE_GRACE_MS)) return { kind: 'released', jobs };

    const left = this.inFlight.count();
    this.logger.error({ jobs: left }, 'jobs ignored the abort; they return to the queue when their lock expires');
    return { kind: 'abandoned', jobs: left };
  }
}

async function settlesWithin(work: Promise<boolean>, ms: number): Promise<boolean> {
  const controller = new AbortController();
  const timeout = sleep(ms, false, { signal: controller.signal }).catch(() => false);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    controller.abort();
  }
}
