import { isJobName, type JobName, jobs, jobsOfQueue, type QueueName } from '@bufor/contracts';
import type { JobHandler } from './job-handler';

export interface DiscoveredHandler {
  readonly jobName: string;
  /** Class name, for the error message. */
  readonly provider: string;
  readonly handler: JobHandler;
}

/** The worker refuses to start with this error: it lists every problem, not just the first. */
export class JobHandlerTableError extends Error {
  constructor(readonly problems: string[]) {
    super(`Job handlers do not match the queues this worker consumes:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JobHandlerTableError';
  }
}

export type JobHandlerTable = ReadonlyMap<JobName, JobHandler>;

/**
 * Checks that every job name of every consumed queue has exactly one handler (and that no handler is for an unknown
 * job or a queue this worker does not consume), then returns the job name -> handler table.
 */
export function buildJobHandlerTable(
  consumedQueues: readonly QueueName[],
  handlers: readonly DiscoveredHandler[],
): JobHandlerTable {
  const problems: string[] = [];
  const byName = new Map<string, DiscoveredHandler[]>();
  for (const handler of handlers) byName.set(handler.jobName, [...(byName.get(handler.jobName) ?? []), handler]);

  for (const [jobName, found] of byName) {
    if (!isJobName(jobName))
      problems.push(`${found.map((h) => h.provider).join(', ')} handles unknown job "${jobName}"`);
    else if (!consumedQueues.includes(jobs[jobName].queue)) {
      problems.push(`${jobName} has a handler but its queue "${jobs[jobName].queue}" is not consumed by this worker`);
    }
  }

  const table = new Map<JobName, JobHandler>();
  for (const queue of consumedQueues) {
    for (const jobName of jobsOfQueue(queue)) {
      const found = byName.get(jobName) ?? [];
      if (found.length === 0) problems.push(`${jobName} (queue "${queue}") has no handler`);
      else if (found.length > 1) {
        problems.push(
          `${jobName} (queue "${queue}") has ${found.length} handlers: ${found.map((h) => h.provider).join(', ')}`,
        );
      } else table.set(jobName, found[0]!.handler);
    }
  }

  if (problems.length > 0) throw new JobHandlerTableError(problems);
  return table;
}
