import { JobProbeEntity, TenantRepository, type TenantRef, TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';

const upsertResult = z.array(z.object({ runs: z.number().int() }));

@Injectable()
export class JobProbeRepository extends TenantRepository<JobProbeEntity> {
  constructor(scope: TenantScope) {
    super(scope, JobProbeEntity);
  }

  /**
   * Records one run of a probe: inserts the row, or increments `runs` when the probe already ran (a retried or
   * re-delivered job), so a probe id never has two rows. Returns the run count after this run.
   */
  recordRun(tenant: TenantRef, probeId: string, workerId: string): Promise<number> {
    return this.transaction(tenant, async (manager) => {
      const rows: unknown = await manager.query(
        `INSERT INTO "job_probes" ("id", "tenant_id", "worker_id") VALUES ($1, $2, $3)
         ON CONFLICT ("id") DO UPDATE
           SET "runs" = "job_probes"."runs" + 1, "worker_id" = EXCLUDED."worker_id", "completed_at" = now()
           WHERE "job_probes"."tenant_id" = $2
         RETURNING "runs"`,
        [probeId, tenant.id, workerId],
      );
      const [row] = upsertResult.parse(rows);
      // No row: the id exists but belongs to another tenant (row-level security hides it); nothing was written.
      return row?.runs ?? 0;
    });
  }

  find(tenant: TenantRef, probeId: string): Promise<JobProbeEntity | null> {
    return this.findOne(tenant, { id: probeId });
  }
}
