import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Worker } from 'bullmq';
import { LOGGER, type Logger } from '../core/logger';
import { WORKER_CONFIG, type WorkerConfig } from '../core/worker-config';
import { QueueProcessor } from './queue-processor';

/**
 * Starts the BullMQ workers of every queue processor once the whole application is initialised (the handler table
 * has been checked in onModuleInit), and hands them to the shutdown.
 */
@Injectable()
export class QueueConsumers implements OnApplicationBootstrap {
  private processors: QueueProcessor[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.processors = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is QueueProcessor => instance instanceof QueueProcessor);
    for (const processor of this.processors) {
      const worker = processor.worker;
      worker.concurrency = this.config.WORKER_CONCURRENCY;
      worker.on('error', (error) => this.logger.error({ err: error, queue: processor.queue }, 'queue worker error'));
      worker
        .run()
        .catch((error: unknown) => this.logger.fatal({ err: error, queue: processor.queue }, 'queue worker stopped'));
    }
    this.logger.info(
      { queues: this.processors.map((p) => p.queue), concurrency: this.config.WORKER_CONCURRENCY },
      'consuming queues',
    );
  }

  workers(): Worker[] {
    return this.processors.map((processor) => processor.worker);
  }
}
