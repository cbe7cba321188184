import { createDataSource, TenantScope } from '@bufor/db';
import { AccessBuilders } from '@bufor/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface FolderBody {
  id: string;
  documentCount: number;
}

/** Stored per-folder counts (triggers on documents) against the rows themselves, through every kind of change. */
describe('folders: stored document counts', () => {
  let api: TestApi;
  let b: AccessBuilders;
  /** As the app role, confined by row-level security, as the API and the worker write documents. */
  let app: DataSource;
  beforeAll(async () => {
    api = await startTestApi('foldercounts');
    b = new AccessBuilders(api.ctx.dataSource);
    app = await createDataSource({ url: api.ctx.database.appUrl, poolSize: 2 }).initialize();
  });
  afterAll(async () => {
    await app.destroy();
    await api.close();
  });

  type Key = { folder_id: string; direction: string; kind: string; n: number };

  async function storedCounts(tenantId: string): Promise<Key[]> {
    return api.ctx.dataSource.query<Key[]>(
      `SELECT folder_id, direction, kind, documents AS n FROM folder_document_counts
        WHERE tenant_id = $1 AND documents <> 0 ORDER BY 1, 2, 3`,
      [tenantId],
    );
  }

  async function rowCounts(tenantId: string): Promise<Key[]> {
    return api.ctx.dataSource.query<Key[]>(
      `SELECT folder_id, direction, kind, count(*)::int AS n FROM documents WHERE tenant_id = $1
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [tenantId],
    );
  }

  async function folderCounts(token: string): Promise<Record<string, number>> {
    const response = await api.request('/v1/folders', { token });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: FolderBody[] };
    return Object.fromEntries(items.map((f) => [f.id, f.documentCount]));
  }

  it('stay equal to the rows across inserts, moves, folder deletion, status and kind changes and deletes', async () => {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    const clerk = await api.ctx.newUser({ tenant, role: 'user' });
    const a = await b.newFolder(tenant, 'A');
    const bFolder = await b.newFolder(tenant, 'B');
    const c = await b.newFolder(tenant, 'A/C');
    // The clerk sees A and its subfolder C, purchases only.
    await b.newGrant({ tenant, folder: a, user: clerk, documentKinds: ['purchase'] });
    const adminToken = await api.signIn(admin);
    const clerkToken = await api.signIn(clerk);
    const scope = new TenantScope(app);

    const check = async (step: string, expected: { admin: Record<string, number>; clerk: Record<string, number> }) => {
      expect(await storedCounts(tenant.id), step).toEqual(await rowCounts(tenant.id));
      const unassigned = (await b.unassignedFolder(tenant)).id;
      expect(await folderCounts(adminToken), step).toEqual({ [unassigned]: 0, ...expected.admin });
      expect(await folderCounts(clerkToken), step).toEqual(expected.clerk);
    };

    const first = await b.newDocument({ tenant, folder: a, direction: 'sales' });
    await b.newDocument({ tenant, folder: a, direction: 'purchase' });
    await b.newDocument({ tenant, folder: c, direction: 'purchase' });
    await check('builder inserts', {
      admin: { [a.id]: 2, [bFolder.id]: 0, [c.id]: 1 },
      clerk: { [a.id]: 1, [c.id]: 1 },
    });

    // Several rows in one statement, as the app role (row-level security applies to the trigger's writes too).
    await scope.run(tenant, (m) =>
      m.query(
        `INSERT INTO documents (tenant_id, folder_id, direction, kind, status, number, seller_name, buyer_name,
           issue_date, net_total, vat_total, gross_total)
         SELECT $1, f, d, 'vat', 'received', 'MULTI/' || i, 'S', 'B', date '2026-10-01', 1, 0.23, 1.23
           FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS x(f, d, i)`,
        [tenant.id, [bFolder.id, bFolder.id, c.id, a.id], ['purchase', 'sales', 'purchase', 'purchase']],
      ),
    );
    await check('multi-row insert', {
      admin: { [a.id]: 3, [bFolder.id]: 2, [c.id]: 2 },
      clerk: { [a.id]: 2, [c.id]: 2 },
    });

    const rolledBack = scope.run(tenant, async (m) => {
      await m.query(`UPDATE documents SET folder_id = $2 WHERE tenant_id = $1`, [tenant.id, bFolder.id]);
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    await check('rolled back move', {
      admin: { [a.id]: 3, [bFolder.id]: 2, [c.id]: 2 },
      clerk: { [a.id]: 2, [c.id]: 2 },
    });

    const moved = await api.request(`/v1/documents/${first.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { folderId: bFolder.id, status: 'booked' },
    });
    expect(moved.status).toBe(200);
    await check('move and status change through the API', {
      admin: { [a.id]: 2, [bFolder.id]: 3, [c.id]: 2 },
      clerk: { [a.id]: 2, [c.id]: 2 },
    });

    const removed = await api.request(`/v1/folders/${c.id}?moveDocumentsTo=${bFolder.id}`, {
      method: 'DELETE',
      token: adminToken,
    });
    expect(removed.status).toBe(204);
    await check('folder deleted, its documents moved', {
      admin: { [a.id]: 2, [bFolder.id]: 5 },
      clerk: { [a.id]: 2 },
    });

    await scope.run(tenant, (m) =>
      m.query(
        `UPDATE documents SET kind = 'correction' WHERE tenant_id = $1 AND folder_id = $2 AND direction = 'sales'`,
        [tenant.id, bFolder.id],
      ),
    );
    await scope.run(tenant, (m) =>
      m.query(`DELETE FROM documents WHERE tenant_id = $1 AND folder_id = $2 AND direction = 'purchase'`, [
        tenant.id,
        bFolder.id,
      ]),
    );
    await check('kind changed, purchases deleted', { admin: { [a.id]: 2, [bFolder.id]: 2 }, clerk: { [a.id]: 2 } });
    expect((await storedCounts(tenant.id)).find((k) => k.folder_id === bFolder.id && k.kind === 'correction')).toEqual({
      folder_id: bFolder.id,
      direction: 'sales',
      kind: 'correction',
      n: 2,
    });
  });

  it('lists an admin’s tree in path order (names compared level by level)', async () => {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    for (const path of ['A B', 'A/Z/1', 'A/Z', 'a', 'B/Ą', 'B/Z', 'A/Ź', 'A-', 'A/B']) await b.newFolder(tenant, path);
    const response = await api.request('/v1/folders', { token: await api.signIn(admin) });
    const { items } = (await response.json()) as { items: { path: string[] }[] };
    // The reference order: the paths as arrays, sorted by PostgreSQL itself in the database's collation.
    const expected = await api.ctx.dataSource.query<{ path: string[] }[]>(
      `WITH RECURSIVE t AS (
         SELECT id, ARRAY[name::text] AS path FROM folders WHERE tenant_id = $1 AND parent_id IS NULL
         UNION ALL SELECT f.id, t.path || f.name::text FROM t JOIN folders f ON f.parent_id = t.id
       ) SELECT path FROM t ORDER BY path`,
      [tenant.id],
    );
    expect(items.map((f) => f.path.join('/'))).toEqual(expected.map((f) => f.path.join('/')));
    expect(items).toHaveLength(12);
  });

  it('keeps each tenant’s counts to itself (row-level security on the counts)', async () => {
    const one = await api.ctx.newTenant();
    const two = await api.ctx.newTenant();
    const folder = await b.newFolder(one, 'Jeden');
    await b.newDocument({ tenant: one, folder });
    const seenByTwo = await new TenantScope(app).run(two, (m) =>
      m.query<unknown[]>(`SELECT * FROM folder_document_counts`),
    );
    expect(seenByTwo).toEqual([]);
    const writeIntoOne = new TenantScope(app).run(two, (m) =>
      m.query(`UPDATE folder_document_counts SET documents = 99 WHERE tenant_id = $1`, [one.id]),
    );
    await writeIntoOne;
    expect(await storedCounts(one.id)).toEqual(await rowCounts(one.id));
  });
});
