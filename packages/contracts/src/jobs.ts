import { z } from 'zod';
import { QueueName } from './queues';

const tenantScoped = z.object({ tenantId: z.uuid() });

/**
 * Every job: its queue, its persisted name and the zod schema of its payload. Every payload carries `tenantId`.
 * Job names are persisted in Redis: never rename one.
 */
export const jobs = {
  /** End-to-end probe of the queue path: records that it ran, after an optional delay (used by /ready checks and shutdown tests). */
  'diagnostics.probe': {
    queue: QueueName.Diagnostics,
    payload: tenantScoped.extend({
      probeId: z.uuid(),
      workMs: z.number().int().min(0).max(600_000).default(0),
    }),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodObject }>;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]['payload']>;
export type JobInput<N extends JobName> = z.input<(typeof jobs)[N]['payload']>;

export const jobNames = Object.keys(jobs) as JobName[];

export function jobsOfQueue(queue: QueueName): JobName[] {
  return jobNames.filter((name) => jobs[name].queue === queue);
}

/** Parses a payload for a job name; throws a ZodError naming every invalid field. */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return jobs[name].payload.parse(payload) as JobPayload<N>;
}

export function isJobName(name: string): name is JobName {
  return Object.prototype.hasOwnProperty.call(jobs, name);
}

/** The one place job ids that must deduplicate are built, so producers agree on them. */
export function jobId(...parts: [tenantId: string, ...rest: string[]]): string {
  return parts.join(':');
}
