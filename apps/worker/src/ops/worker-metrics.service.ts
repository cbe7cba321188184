import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type JobResult = 'completed' | 'failed' | 'released';

/** Prometheus metrics of this process (own registry, so nothing leaks between instances in tests). */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();
  private readonly completed: Counter<'queue' | 'job'>;
  private readonly failed: Counter<'queue' | 'job'>;
  private readonly released: Counter<'queue' | 'job'>;
  private readonly duration: Histogram<'queue' | 'job' | 'result'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const labelNames = ['queue', 'job'] as const;
    this.completed = new Counter({
      name: 'bufor_worker_jobs_completed_total',
      help: 'Jobs that completed (including permanent, recorded outcomes).',
      labelNames,
      registers: [this.registry],
    });
    this.failed = new Counter({
      name: 'bufor_worker_jobs_failed_total',
      help: 'Job attempts that failed (retryable errors, invalid payloads, unknown job names).',
      labelNames,
      registers: [this.registry],
    });
    this.released = new Counter({
      name: 'bufor_worker_jobs_released_total',
      help: 'Jobs handed back to the queue unfinished because the worker shut down.',
      labelNames,
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'bufor_worker_job_duration_seconds',
      help: 'Time spent processing one job attempt.',
      labelNames: ['queue', 'job', 'result'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
  }

  record(queue: string, job: string, result: JobResult, seconds: number): void {
    const labels = { queue, job };
    switch (result) {
      case 'completed':
        this.completed.inc(labels);
        break;
      case 'failed':
        this.failed.inc(labels);
        break;
      case 'released':
        this.released.inc(labels);
        break;
    }
    this.duration.observe({ ...labels, result }, seconds);
  }
}
