import type { JobPayload } from '@bufor/contracts';
import { Injectable } from '@nestjs/common';
import { ProbeService } from '../diagnostics/probe.service';
import { HandlesJob, type JobContext, type JobHandler, type JobOutcome } from './job-handler';

@Injectable()
@HandlesJob('diagnostics.probe')
export class DiagnosticsProbeJob implements JobHandler<'diagnostics.probe'> {
  constructor(private readonly probes: ProbeService) {}

  handle(payload: JobPayload<'diagnostics.probe'>, context: JobContext): Promise<JobOutcome> {
    return this.probes.run({ id: payload.tenantId }, payload.probeId, payload.workMs, context.signal);
  }
}
