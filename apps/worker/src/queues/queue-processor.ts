import type { QueueName } from '@bufor/contracts';
import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { JobOutcome } from '../jobs/job-handler';
import type { JobRunner } from './job-runner.service';

/**
 * Base of the per-queue processors. Subclasses only name their queue (and carry the @Processor decorator with
 * `autorun: false`: consumption starts after the handler table has been checked, see QueueConsumers).
 */
export abstract class QueueProcessor extends WorkerHost {
  abstract readonly queue: QueueName;

  protected constructor(private readonly runner: JobRunner) {
    super();
  }

  // Three parameters: BullMQ only passes its cancellation signal to processors that declare it.
  process(job: Job, token?: string, signal?: AbortSignal): Promise<JobOutcome> {
    return this.runner.run(this.queue, job, token, signal);
  }
}
