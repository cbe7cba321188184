import { QueueName } from '@bufor/contracts';
import { describe, expect, it } from 'vitest';
import type { JobHandler } from './job-handler';
import { buildJobHandlerTable, type DiscoveredHandler, JobHandlerTableError } from './job-handler-table';

const handler: JobHandler = { handle: () => Promise.resolve({ status: 'done' }) };
const discovered = (jobName: string, provider = 'SomeJob'): DiscoveredHandler => ({ jobName, provider, handler });

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof JobHandlerTableError) return error.problems;
    throw error;
  }
  throw new Error('expected the table to be refused');
}

describe('buildJobHandlerTable', () => {
  it('maps every job of the consumed queues to its one handler', () => {
    const table = buildJobHandlerTable([QueueName.Diagnostics], [discovered('diagnostics.probe')]);
    expect(table.get('diagnostics.probe')).toBe(handler);
  });

  it('refuses a consumed queue whose job has no handler', () => {
    expect(problemsOf(() => buildJobHandlerTable([QueueName.Diagnostics], []))).toEqual([
      'diagnostics.probe (queue "diagnostics") has no handler',
    ]);
  });

  it('refuses a job with two handlers, naming both', () => {
    const handlers = [discovered('diagnostics.probe', 'ProbeJob'), discovered('diagnostics.probe', 'OtherProbeJob')];
    expect(problemsOf(() => buildJobHandlerTable([QueueName.Diagnostics], handlers))).toEqual([
      'diagnostics.probe (queue "diagnostics") has 2 handlers: ProbeJob, OtherProbeJob',
    ]);
  });

  it('refuses a handler for a job name the contracts do not know', () => {
    const handlers = [discovered('diagnostics.probe'), discovered('diagnostics.typo', 'TypoJob')];
    expect(problemsOf(() => buildJobHandlerTable([QueueName.Diagnostics], handlers))).toEqual([
      'TypoJob handles unknown job "diagnostics.typo"',
    ]);
  });

  it('refuses a handler whose queue this worker does not consume', () => {
    expect(problemsOf(() => buildJobHandlerTable([], [discovered('diagnostics.probe')]))).toEqual([
      'diagnostics.probe has a handler but its queue "diagnostics" is not consumed by this worker',
    ]);
  });
});
