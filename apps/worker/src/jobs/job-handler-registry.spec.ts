import 'reflect-metadata';
import { Injectable, Module, type Type } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LOGGER } from '../core/logger';
import { InFlightJobs } from '../lifecycle/in-flight-jobs';
import { WorkerMetrics } from '../ops/worker-metrics.service';
import { DiagnosticsProcessor } from '../queues/diagnostics.processor';
import { JobRunner } from '../queues/job-runner.service';
import { HandlesJob, type JobHandler, type JobOutcome } from './job-handler';
import { JobHandlerRegistry } from './job-handler-registry.service';
import { JobHandlerTableError } from './job-handler-table';

@Injectable()
@HandlesJob('diagnostics.probe')
class FirstProbeHandler implements JobHandler<'diagnostics.probe'> {
  handle(): Promise<JobOutcome> {
    return Promise.resolve({ status: 'done' });
  }
}

@Injectable()
@HandlesJob('diagnostics.probe')
class SecondProbeHandler implements JobHandler<'diagnostics.probe'> {
  handle(): Promise<JobOutcome> {
    return Promise.resolve({ status: 'done' });
  }
}

/** Boots the worker's queue wiring (processor + registry, no Redis) with the given handlers. */
function boot(handlers: Type[]) {
  @Module({
    imports: [DiscoveryModule],
    providers: [
      { provide: LOGGER, useValue: pino({ level: 'silent' }) },
      InFlightJobs,
      WorkerMetrics,
      JobRunner,
      JobHandlerRegistry,
      DiagnosticsProcessor,
      ...handlers,
    ],
  })
  class TestWorkerModule {}
  return NestFactory.createApplicationContext(TestWorkerModule, { logger: false, abortOnError: false });
}

describe('JobHandlerRegistry at start-up', () => {
  it('starts when every job of the consumed queues has exactly one handler', async () => {
    const app = await boot([FirstProbeHandler]);
    expect(app.get(JobHandlerRegistry).handlerFor('diagnostics.probe')).toBeInstanceOf(FirstProbeHandler);
    expect(app.get(JobHandlerRegistry).consumedQueues()).toEqual(['diagnostics']);
    await app.close();
  });

  it('refuses to start when a job has two handlers', async () => {
    const attempt = boot([FirstProbeHandler, SecondProbeHandler]);
    await expect(attempt).rejects.toBeInstanceOf(JobHandlerTableError);
    await expect(attempt).rejects.toThrow(/diagnostics\.probe .* 2 handlers: FirstProbeHandler, SecondProbeHandler/);
  });

  it('refuses to start when a job of a consumed queue has no handler', async () => {
    await expect(boot([])).rejects.toThrow(/diagnostics\.probe \(queue "diagnostics"\) has no handler/);
  });
});
