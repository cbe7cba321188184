import { Module } from '@nestjs/common';
import { DiagnosticsProbeJob } from '../jobs/diagnostics-probe.job';
import { JobProbeRepository } from './job-probe.repository';
import { ProbeService } from './probe.service';

@Module({ providers: [JobProbeRepository, ProbeService, DiagnosticsProbeJob] })
export class DiagnosticsModule {}
