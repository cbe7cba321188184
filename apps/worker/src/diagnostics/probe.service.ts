import type { TenantRef } from '@bufor/db';
import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { WORKER_ID } from '../core/worker-id';
import type { JobOutcome } from '../jobs/job-handler';
import { JobProbeRepository } from './job-probe.repository';

/** The diagnostics probe: proves the queue path end to end (enqueue -> worker -> tenant-scoped write). */
@Injectable()
export class ProbeService {
  constructor(
    private readonly probes: JobProbeRepository,
    @Inject(WORKER_ID) private readonly workerId: string,
  ) {}

  async run(tenant: TenantRef, probeId: string, workMs: number, signal: AbortSignal): Promise<JobOutcome> {
    // Stands in for real work; abortable so a shutdown can hand the job back instead of waiting it out.
    if (workMs > 0) await sleep(workMs, undefined, { signal });
    signal.throwIfAborted();
    const runs = await this.probes.recordRun(tenant, probeId, this.workerId);
    if (runs === 0) return { status: 'skipped', reason: 'probe id belongs to another tenant' };
    return { status: 'done', detail: `run ${runs}` };
  }
}
