import { isJobName, type JobName, type JobPayload, parseJobPayload } from '@bufor/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError, WaitingError } from 'bullmq';
import { hrtime } from 'node:process';
import { ZodError } from 'zod';
import { LOGGER, type Logger } from '../core/logger';
import type { JobOutcome } from '../jobs/job-handler';
import { JobHandlerRegistry } from '../jobs/job-handler-registry.service';
import { InFlightJobs } from '../lifecycle/in-flight-jobs';
import { WorkerMetrics } from '../ops/worker-metrics.service';

/**
 * Runs one BullMQ job: finds its handler, validates the payload against the contracts schema, calls the handler with
 * a job-scoped logger and an abort signal, and records the result. A job interrupted by the shutdown goes back to the
 * queue (moveToWait + WaitingError), so it is neither lost nor counted as a failed attempt.
 */
@Injectable()
export class JobRunner {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly inFlight: InFlightJobs,
    private readonly metrics: WorkerMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(queue: string, job: Job, token: string | undefined, cancel?: AbortSignal): Promise<JobOutcome> {
    const jobKey = `${queue}:${job.id ?? '?'}:${token ?? ''}`;
    const logger = this.logger.child({ queue, jobName: job.name, jobId: job.id, tenantId: tenantIdOf(job.data) });
    const started = hrtime.bigint();
    const shutdown = this.inFlight.begin(jobKey);
    const signal = cancel ? AbortSignal.any([shutdown, cancel]) : shutdown;
    const seconds = () => Number(hrtime.bigint() - started) / 1e9;
    // Metric labels only take known job names: a producer's typo must not create new time series.
    const jobLabel = isJobName(job.name) ? job.name : 'unknown';
    try {
      const handler = this.registry.handlerFor(job.name);
      if (!handler || !isJobName(job.name))
        throw new UnrecoverableError(`no handler for job "${job.name}" on this worker`);
      const payload = parsePayloadOrFail(job.name, job.data);
      logger.info({ attempt: job.attemptsMade + 1 }, 'job started');
      const outcome = await handler.handle(payload, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        signal,
        logger,
      });
      this.metrics.record(queue, jobLabel, 'completed', seconds());
      logger.info({ outcome, durationMs: Math.round(seconds() * 1000) }, 'job completed');
      return outcome;
    } catch (error) {
      if (InFlightJobs.isShutdownAbort(shutdown) && token) {
        await job.moveToWait(token);
        this.metrics.record(queue, jobLabel, 'released', seconds());
        logger.warn({ durationMs: Math.round(seconds() * 1000) }, 'job released back to the queue (shutdown)');
        throw new WaitingError();
      }
      this.metrics.record(queue, jobLabel, 'failed', seconds());
      logger.error({ err: error, attempt: job.attemptsMade + 1 }, 'job failed');
      throw error;
    } finally {
      this.inFlight.end(jobKey);
    }
  }
}

function tenantIdOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('tenantId' in data)) return undefined;
  return typeof data.tenantId === 'string' ? data.tenantId : undefined;
}

/** An invalid payload never becomes valid by retrying: fail it permanently, naming the fields. */
function parsePayloadOrFail<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  try {
    return parseJobPayload(name, data);
  } catch (error) {
    if (error instanceof ZodError) {
      const fields = error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      throw new UnrecoverableError(`invalid payload for ${name}: ${fields.join('; ')}`);
    }
    throw error;
  }
}
