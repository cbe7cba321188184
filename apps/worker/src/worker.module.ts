import { QueueName } from '@bufor/contracts';
import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule } from './core/core.module';
import type { Logger } from './core/logger';
import { redisConnectionOptions } from './core/redis-connection';
import type { WorkerConfig } from './core/worker-config';
import { DiagnosticsModule } from './diagnostics/diagnostics.module';
import { JobHandlerRegistry } from './jobs/job-handler-registry.service';
import { GracefulShutdown } from './lifecycle/graceful-shutdown.service';
import { OpsServer } from './ops/ops-server';
import { ReadinessService } from './ops/readiness.service';
import { DiagnosticsProcessor } from './queues/diagnostics.processor';
import { JobRunner } from './queues/job-runner.service';
import { QueueConsumers } from './queues/queue-consumers.service';

/** The worker: one processor per consumed queue, one handler per job name, plus the ops endpoints. */
@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, logger),
        DiscoveryModule,
        // REDIS_KEY_PREFIX is BullMQ's prefix, so several deployments (or test runs) can share one Redis.
        BullModule.forRoot({ connection: redisConnectionOptions(config.REDIS_URL), prefix: config.REDIS_KEY_PREFIX }),
        // Registering the queue is what wires @nestjs/bullmq's processor explorer; the worker never produces jobs.
        BullModule.registerQueue({ name: QueueName.Diagnostics }),
        DiagnosticsModule,
      ],
      providers: [
        JobHandlerRegistry,
        JobRunner,
        QueueConsumers,
        GracefulShutdown,
        ReadinessService,
        OpsServer,
        // One processor per queue this worker consumes; every job of these queues must have exactly one handler.
        DiagnosticsProcessor,
      ],
    };
  }
}
