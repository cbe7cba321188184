import type { JobName, JobPayload } from '@bufor/contracts';
import { DiscoveryService } from '@nestjs/core';
import type { Logger } from 'pino';

/** What a handler gets besides its payload. */
export interface JobContext {
  readonly jobId: string;
  /** 1 on the first attempt. */
  readonly attempt: number;
  /** Aborted when the worker shuts down (or the job is cancelled): stop waiting, do not start new side effects. */
  readonly signal: AbortSignal;
  /** Carries queue, job name, job id and tenant id on every line. */
  readonly logger: Logger;
}

/**
 * How a job ended, stored as the BullMQ return value. Retryable failures throw instead;
 * `skipped` is a permanent, expected end (e.g. the work was already done or no longer applies).
 */
export type JobOutcome =
  { readonly status: 'done'; readonly detail?: string } | { readonly status: 'skipped'; readonly reason: string };

/** A job handler: thin (the payload is already validated against the contracts schema), calls one service. */
export interface JobHandler<N extends JobName = JobName> {
  handle(payload: JobPayload<N>, context: JobContext): Promise<JobOutcome>;
}

/** Marks a provider as the handler of one job name; the registry finds it through Nest discovery. */
export const HandlesJob = DiscoveryService.createDecorator<JobName>();
