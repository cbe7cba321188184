import { JobProbeEntity, pendingSchemaChanges, TenantScope } from '@bufor/db';
import { createTestContext, type TestContext } from '@bufor/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('database schema', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('schema');
  });
  afterAll(() => ctx.destroy());

  it('migrations are up to date with the entities (a stale migration fails here)', async () => {
    expect(await pendingSchemaChanges(ctx.dataSource)).toEqual([]);
  });

  it('row-level security hides other tenants rows even from a query without a tenant filter', async () => {
    const a = await ctx.newTenant();
    const b = await ctx.newTenant();
    const scope = new TenantScope(ctx.dataSource);
    await scope.run(a, (m) => m.insert(JobProbeEntity, { id: randomUUID(), tenantId: a.id, workerId: 'test' }));
    await scope.run(b, (m) => m.insert(JobProbeEntity, { id: randomUUID(), tenantId: b.id, workerId: 'test' }));

    const seenByA = await scope.run(a, (m) => m.find(JobProbeEntity));
    expect(seenByA.map((row) => row.tenantId)).toEqual([a.id]);
    // Outside any tenant scope nothing is visible at all.
    expect(await ctx.dataSource.getRepository(JobProbeEntity).count()).toBe(0);
  });

  it('refuses to write a row for another tenant inside a tenant scope', async () => {
    const a = await ctx.newTenant();
    const b = await ctx.newTenant();
    const scope = new TenantScope(ctx.dataSource);
    await expect(
      scope.run(a, (m) => m.insert(JobProbeEntity, { id: randomUUID(), tenantId: b.id, workerId: 'test' })),
    ).rejects.toThrow(/row-level security/);
  });
});
