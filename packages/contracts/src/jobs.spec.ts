import { describe, expect, it } from 'vitest';
import { QueueName } from './queues';
import { isJobName, jobId, jobNames, jobsOfQueue, parseJobPayload } from './jobs';

describe('job contracts', () => {
  it('assigns every job to a known queue', () => {
    const queues = Object.values(QueueName) as string[];
    for (const name of jobNames) expect(queues).toContain(name.split('.')[0]);
    expect(jobsOfQueue(QueueName.Diagnostics)).toContain('diagnostics.probe');
  });

  it('parses a valid payload and applies defaults', () => {
    const payload = parseJobPayload('diagnostics.probe', {
      tenantId: '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10',
      probeId: '0b7e4c1e-8d1f-4c43-a7f9-64a0c5e1d2f3',
    });
    expect(payload.workMs).toBe(0);
  });

  it('rejects a payload without tenantId, naming the field', () => {
    const attempt = () => parseJobPayload('diagnostics.probe', { probeId: '0b7e4c1e-8d1f-4c43-a7f9-64a0c5e1d2f3' });
    expect(attempt).toThrowError(/tenantId/);
  });

  it('recognises job names and builds dedupe ids', () => {
    expect(isJobName('diagnostics.probe')).toBe(true);
    expect(isJobName('nope')).toBe(false);
    expect(jobId('t1', 'inv1', 'send')).toBe('t1:inv1:send');
  });
});
