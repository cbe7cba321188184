import { createDataSource, JobProbeEntity, TenantScope } from '@bufor/db';
import { createTestContext, type TestContext } from '@bufor/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobProbeRepository } from '../src/diagnostics/job-probe.repository';
import { ProbeService } from '../src/diagnostics/probe.service';

describe('ProbeService (diagnostics.probe) against PostgreSQL', () => {
  let ctx: TestContext;
  // The service connects as the worker does: the app role, which row-level security confines to one tenant.
  let appDataSource: DataSource;
  let scope: TenantScope;
  let service: ProbeService;
  const live = () => new AbortController().signal;

  beforeAll(async () => {
    ctx = await createTestContext('worker-probe');
    appDataSource = await createDataSource({ url: ctx.database.appUrl, poolSize: 2 }).initialize();
    scope = new TenantScope(appDataSource);
    service = new ProbeService(new JobProbeRepository(scope), 'test-worker');
  });
  afterAll(async () => {
    await appDataSource.destroy();
    await ctx.destroy();
  });

  // Assertions read as the schema owner (not confined), filtering by tenant themselves.
  const rowsOf = (tenant: { id: string }) =>
    ctx.dataSource.getRepository(JobProbeEntity).find({ where: { tenantId: tenant.id } });

  it('is idempotent: running a probe twice counts two runs on one row', async () => {
    const tenant = await ctx.newTenant();
    const probeId = randomUUID();
    expect(await service.run(tenant, probeId, 0, live())).toEqual({ status: 'done', detail: 'run 1' });
    expect(await service.run(tenant, probeId, 0, live())).toEqual({ status: 'done', detail: 'run 2' });
    const rows = await rowsOf(tenant);
    expect(rows.map((row) => [row.id, row.runs, row.workerId])).toEqual([[probeId, 2, 'test-worker']]);
  });

  it('has no effect on another tenant: a probe id of tenant A run for tenant B changes nothing', async () => {
    const a = await ctx.newTenant();
    const b = await ctx.newTenant();
    const probeId = randomUUID();
    await service.run(a, probeId, 0, live());
    const outcome = await new ProbeService(new JobProbeRepository(scope), 'intruder').run(b, probeId, 0, live());
    expect(outcome.status).toBe('skipped');
    expect((await rowsOf(a)).map((row) => [row.runs, row.workerId])).toEqual([[1, 'test-worker']]);
    expect(await rowsOf(b)).toEqual([]);
  });

  it('writes nothing when aborted while working (the job is handed back instead)', async () => {
    const tenant = await ctx.newTenant();
    const controller = new AbortController();
    const running = service.run(tenant, randomUUID(), 60_000, controller.signal);
    controller.abort(new Error('shutdown'));
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(await rowsOf(tenant)).toEqual([]);
  });
});
