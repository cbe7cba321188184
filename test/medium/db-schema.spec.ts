import { createDataSource, JobProbeEntity, pendingSchemaChanges, TENANT_TABLES, TenantScope } from '@bufor/db';
import type { DataSource } from 'typeorm';
import { createTestContext, type TestContext } from '@bufor/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('database schema', () => {
  let ctx: TestContext;
  /** Connected as the app role, as the API and worker are: row-level security applies to it. */
  let app: DataSource;
  beforeAll(async () => {
    ctx = await createTestContext('schema');
    app = await createDataSource({ url: ctx.database.appUrl, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await app.destroy();
    await ctx.destroy();
  });

  it('migrations are up to date with the entities (a stale migration fails here)', async () => {
    expect(await pendingSchemaChanges(ctx.dataSource)).toEqual([]);
  });

  it('row-level security hides other tenants rows even from a query without a tenant filter', async () => {
    const a = await ctx.newTenant();
    const b = await ctx.newTenant();
    const scope = new TenantScope(app);
    await scope.run(a, (m) => m.insert(JobProbeEntity, { id: randomUUID(), tenantId: a.id, workerId: 'test' }));
    await scope.run(b, (m) => m.insert(JobProbeEntity, { id: randomUUID(), tenantId: b.id, workerId: 'test' }));

    const seenByA = await scope.run(a, (m) => m.find(JobProbeEntity));
    expect(seenByA.map((row) => row.tenantId)).toEqual([a.id]);
    // Outside any tenant scope the app role sees nothing at all; the owner sees both rows.
    expect(await app.getRepository(JobProbeEntity).count()).toBe(0);
    expect(await ctx.dataSource.getRepository(JobProbeEntity).count()).toBe(2);
  });

  it('confines every tenant table, and the app role owns none of them', async () => {
    const rows = await ctx.dataSource.query<{ relname: string; relrowsecurity: boolean; owner: string }[]>(
      `SELECT c.relname, c.relrowsecurity, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`,
    );
    const tenantTables = rows.filter((row) => (TENANT_TABLES as readonly string[]).includes(row.relname));
    expect(tenantTables.map((row) => row.relname).sort()).toEqual([...TENANT_TABLES].sort());
    expect(tenantTables.every((row) => row.relrowsecurity)).toBe(true);
    expect(rows.some((row) => row.owner === 'bufor_app')).toBe(false);
    const [role] = await app.query<{ rolsuper: boolean; rolbypassrls: boolean }[]>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('gives every new tenant its system folder "Nieprzypisane"', async () => {
    const tenant = await ctx.newTenant();
    const folders = await new TenantScope(app).run(tenant, (m) =>
      m.query<{ name: string; system_key: string }[]>('SELECT name, system_key FROM folders'),
    );
    expect(folders).toEqual([{ name: 'Nieprzypisane', system_key: 'unassigned' }]);
  });

  it('refuses to write a row for another tenant inside a tenant scope', async () => {
    const a = await ctx.newTenant();
    const b = await ctx.newTenant();
    const scope = new TenantScope(app);
    await expect(
      scope.run(a, (m) => m.insert(JobProbeEntity, { id: randomUUID(), tenantId: b.id, workerId: 'test' })),
    ).rejects.toThrow(/row-level security/);
  });
});
