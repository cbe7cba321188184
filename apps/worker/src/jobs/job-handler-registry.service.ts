import type { JobName, QueueName } from '@bufor/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueueProcessor } from '../queues/queue-processor';
import { HandlesJob, type JobHandler } from './job-handler';
import { buildJobHandlerTable, type DiscoveredHandler, type JobHandlerTable } from './job-handler-table';

/**
 * Finds the queue processors and the @HandlesJob providers at start-up and refuses to start (throws from
 * onModuleInit, before any worker runs) unless every job of every consumed queue has exactly one handler.
 */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  private table: JobHandlerTable | undefined;
  private queues: QueueName[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    const providers = this.discovery.getProviders();
    this.queues = providers
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is QueueProcessor => instance instanceof QueueProcessor)
      .map((processor) => processor.queue);
    const handlers: DiscoveredHandler[] = this.discovery
      .getProviders({ metadataKey: HandlesJob.KEY })
      .map((wrapper) => ({
        jobName: this.discovery.getMetadataByDecorator(HandlesJob, wrapper) ?? '',
        provider: String(wrapper.name),
        handler: wrapper.instance as JobHandler,
      }));
    this.table = buildJobHandlerTable(this.queues, handlers);
  }

  consumedQueues(): readonly QueueName[] {
    return this.queues;
  }

  /** The handler of a job name, or undefined for a name this worker does not handle (e.g. from a newer producer). */
  handlerFor(jobName: string): JobHandler | undefined {
    if (!this.table) throw new Error('JobHandlerRegistry used before module initialisation');
    return this.table.get(jobName as JobName);
  }
}
