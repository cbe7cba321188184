import { QueueName } from '@bufor/contracts';
import { Processor } from '@nestjs/bullmq';
import { JobRunner } from './job-runner.service';
import { QueueProcessor } from './queue-processor';

@Processor(QueueName.Diagnostics, { autorun: false })
export class DiagnosticsProcessor extends QueueProcessor {
  readonly queue = QueueName.Diagnostics;

  constructor(runner: JobRunner) {
    super(runner);
  }
}
