import { createDataSource } from '@bufor/db';
import { AccessBuilders } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface ListBody {
  items: { id: string; number: string; folderId: string; grossTotal: string; issueDate: string }[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}
interface Problem {
  code: string;
  errors: { path: string; message: string }[];
}

describe('documents: permission-filtered list, detail and changes', () => {
  let api: TestApi;
  let b: AccessBuilders;
  beforeAll(async () => {
    api = await startTestApi('documents');
    b = new AccessBuilders(api.ctx.dataSource);
  });
  afterAll(() => api.close());

  const signIn = (user: { email: string; password: string }): Promise<string> => api.signIn(user);

  async function list(token: string, query = ''): Promise<ListBody> {
    const response = await api.request(`/v1/documents${query}`, { token });
    expect(response.status).toBe(200);
    return (await response.json()) as ListBody;
  }

  /** A company with Sklepy/Kraków, Sklepy/Warszawa, Koszty and a store user in the group "Sklep Kraków". */
  async function company() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    const storeUser = await api.ctx.newUser({ tenant, role: 'user' });
    const krakow = await b.newFolder(tenant, 'Sklepy/Kraków');
    const warszawa = await b.newFolder(tenant, 'Sklepy/Warszawa');
    const costs = await b.newFolder(tenant, 'Koszty');
    const group = await b.newGroup(tenant, { name: 'Sklep Kraków', members: [storeUser] });
    const krakowDocs = [
      await b.newDocument({ tenant, folder: krakow, number: 'FV/K/1', issueDate: '2026-10-01', grossTotal: '100.50' }),
      await b.newDocument({ tenant, folder: krakow, number: 'FV/K/2', issueDate: '2026-10-03', grossTotal: '9.99' }),
    ];
    const warszawaDoc = await b.newDocument({ tenant, folder: warszawa, number: 'FV/W/1' });
    const costDoc = await b.newDocument({ tenant, folder: costs, direction: 'purchase', number: 'ZAK/1' });
    return { tenant, admin, storeUser, krakow, warszawa, costs, group, krakowDocs, warszawaDoc, costDoc };
  }

  it('shows a store user only the documents of their folder and answers 404 for another folder’s document', async () => {
    const c = await company();
    await b.newGrant({ tenant: c.tenant, folder: c.krakow, group: c.group, permission: 'view' });
    const token = await signIn(c.storeUser);

    const mine = await list(token);
    expect(mine.total).toBe(2);
    expect(mine.items.map((d) => d.number)).toEqual(['FV/K/2', 'FV/K/1']);

    const own = await api.request(`/v1/documents/${c.krakowDocs[0]!.id}`, { token });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      number: 'FV/K/1',
      folderPath: ['Sklepy', 'Kraków'],
      canHandle: false,
      grossTotal: '100.50',
    });

    const other = await api.request(`/v1/documents/${c.warszawaDoc.id}`, { token });
    expect(other.status).toBe(404);
    expect(((await other.json()) as Problem).code).toBe('DOCUMENT_NOT_FOUND');
    expect(
      (await api.request(`/v1/documents?folderId=${c.warszawa.id}`, { token }).then((r) => r.json())) as ListBody,
    ).toMatchObject({ total: 0 });

    const admin = await list(await signIn(c.admin));
    expect(admin.total).toBe(4);
  });

  it('inherits a grant on a parent folder to its subfolders', async () => {
    const c = await company();
    const shops = await b.newFolder(c.tenant, 'Sklepy');
    await b.newGrant({ tenant: c.tenant, folder: shops, user: c.storeUser, permission: 'view' });
    const seen = await list(await signIn(c.storeUser), '?sort=number');
    expect(seen.items.map((d) => d.number)).toEqual(['FV/K/1', 'FV/K/2', 'FV/W/1']);
  });

  it('limits a grant to document categories: a direction or a kind', async () => {
    const c = await company();
    const correction = await b.newDocument({
      tenant: c.tenant,
      folder: c.costs,
      direction: 'sales',
      kind: 'correction',
      number: 'KOR/1',
    });
    await b.newGrant({ tenant: c.tenant, folder: c.costs, user: c.storeUser, documentKinds: ['purchase'] });
    const token = await signIn(c.storeUser);
    expect((await list(token)).items.map((d) => d.number)).toEqual(['ZAK/1']);
    expect((await api.request(`/v1/documents/${correction.id}`, { token })).status).toBe(404);

    await b.newGrant({ tenant: c.tenant, folder: c.krakow, user: c.storeUser, documentKinds: ['correction'] });
    await b.newDocument({ tenant: c.tenant, folder: c.krakow, kind: 'correction', number: 'KOR/K/1' });
    expect((await list(token, '?sort=number')).items.map((d) => d.number)).toEqual(['KOR/K/1', 'ZAK/1']);
  });

  it('filters, sorts and pages in SQL with a correct total', async () => {
    const c = await company();
    const token = await signIn(c.admin);
    const nip = '5260250274';
    await b.newDocument({
      tenant: c.tenant,
      folder: c.costs,
      direction: 'purchase',
      sellerNip: nip,
      number: 'FZ/2026/11/7',
      issueDate: '2026-11-02',
      grossTotal: '1500.00',
      status: 'booked',
    });
    expect((await list(token, `?nip=${nip}`)).items.map((d) => d.number)).toEqual(['FZ/2026/11/7']);
    expect((await list(token, '?number=FV/K')).total).toBe(2);
    expect((await list(token, '?direction=purchase&status=booked')).total).toBe(1);
    expect((await list(token, '?dateFrom=2026-10-02&dateTo=2026-10-03')).items.map((d) => d.number)).toEqual([
      'FV/K/2',
    ]);
    expect((await list(token, `?folderId=${c.krakow.id}&kind=vat`)).total).toBe(2);
    expect((await list(token, '?sort=-grossTotal&pageSize=1')).items[0]!.grossTotal).toBe('1500.00');
    const second = await list(token, '?sort=grossTotal&pageSize=2&page=2');
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 5, totalExact: true });
    expect(second.items).toHaveLength(2);
  });

  it('totals exactly from the stored folder counts, and counts row filters up to 10,000', async () => {
    const c = await company();
    await api.ctx.dataSource.query(
      `INSERT INTO documents (tenant_id, folder_id, direction, kind, status, number, seller_name, buyer_name, issue_date,
         net_total, vat_total, gross_total)
       SELECT $1, $2, 'sales', 'vat', 'accepted', 'MASS/' || i, 'S', 'B', date '2026-01-01', 1, 0.23, 1.23
         FROM generate_series(1, 10000) i`,
      [c.tenant.id, c.costs.id],
    );
    const token = await signIn(c.admin);
    expect(await list(token, '?pageSize=1')).toMatchObject({ total: 10004, totalExact: true });
    expect(await list(token, '?pageSize=1&direction=sales&kind=vat')).toMatchObject({ total: 10003, totalExact: true });
    // Status and date filters need the rows: counted up to 10,000, then "more".
    expect(await list(token, '?pageSize=1&status=accepted')).toMatchObject({ total: 10000, totalExact: false });
    expect(await list(token, '?pageSize=1&dateFrom=2025-12-31')).toMatchObject({ total: 10000, totalExact: false });
    const narrowed = await list(token, '?number=FV/K');
    expect(narrowed).toMatchObject({ total: 2, totalExact: true });
  });

  it('answers bad list parameters with Polish problem details naming each field', async () => {
    const c = await company();
    const response = await api.request(
      '/v1/documents?pageSize=500&dateFrom=2026-13-01&nip=123&sort=amount&folderId=x',
      {
        token: await signIn(c.admin),
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Problem;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['dateFrom', 'folderId', 'nip', 'pageSize', 'sort']);
    expect(body.errors.find((e) => e.path === 'nip')!.message).toBe('NIP to 10 cyfr bez kresek.');
  });

  it('moves and books a document only with handle, on the source and the target folder', async () => {
    const c = await company();
    await b.newGrant({ tenant: c.tenant, folder: c.krakow, group: c.group, permission: 'view' });
    const token = await signIn(c.storeUser);
    const doc = c.krakowDocs[0]!;

    const viewOnly = await api.request(`/v1/documents/${doc.id}`, {
      method: 'PATCH',
      token,
      json: { status: 'booked' },
    });
    expect(viewOnly.status).toBe(403);
    expect(((await viewOnly.json()) as Problem).code).toBe('PERMISSION_HANDLE_REQUIRED');

    await b.newGrant({ tenant: c.tenant, folder: c.krakow, group: c.group, permission: 'handle' });
    const unseenTarget = await api.request(`/v1/documents/${doc.id}`, {
      method: 'PATCH',
      token,
      json: { folderId: c.warszawa.id },
    });
    expect(unseenTarget.status).toBe(404);
    expect(((await unseenTarget.json()) as Problem).errors[0]!.path).toBe('folderId');

    const booked = await api.request(`/v1/documents/${doc.id}`, { method: 'PATCH', token, json: { status: 'booked' } });
    expect(booked.status).toBe(200);
    expect(await booked.json()).toMatchObject({ status: 'booked', canHandle: true });

    await b.newGrant({ tenant: c.tenant, folder: c.warszawa, user: c.storeUser, permission: 'handle' });
    const moved = await api.request(`/v1/documents/${doc.id}`, {
      method: 'PATCH',
      token,
      json: { folderId: c.warszawa.id },
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ folderId: c.warszawa.id, folderPath: ['Sklepy', 'Warszawa'] });
    const audit = await api.ctx.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE target_id = $1 ORDER BY at`,
      [doc.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['document.status_changed', 'document.moved']);

    const draft = await b.newDocument({ tenant: c.tenant, folder: c.krakow, status: 'draft' });
    const invalid = await api.request(`/v1/documents/${draft.id}`, {
      method: 'PATCH',
      token,
      json: { status: 'ignored' },
    });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as Problem).code).toBe('DOCUMENT_STATUS_CHANGE_INVALID');

    const bad = await api.request(`/v1/documents/${draft.id}`, {
      method: 'PATCH',
      token,
      json: { status: 'sent', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors.map((e) => e.path).sort()).toEqual(['extra', 'status']);
  });

  it('answers 404 to tenant A for tenant B’s documents and changes nothing', async () => {
    const a = await company();
    const other = await company();
    const token = await signIn(a.admin);
    const target = other.krakowDocs[0]!;
    expect((await api.request(`/v1/documents/${target.id}`, { token })).status).toBe(404);
    const patch = await api.request(`/v1/documents/${target.id}`, {
      method: 'PATCH',
      token,
      json: { status: 'ignored', folderId: a.costs.id },
    });
    expect(patch.status).toBe(404);
    const moveIn = await api.request(`/v1/documents/${a.krakowDocs[0]!.id}`, {
      method: 'PATCH',
      token,
      json: { folderId: other.costs.id },
    });
    expect(moveIn.status).toBe(404);
    expect((await list(token, `?folderId=${other.krakow.id}`)).total).toBe(0);
    const [row] = await api.ctx.dataSource.query<{ status: string; folder_id: string }[]>(
      `SELECT status, folder_id FROM documents WHERE id = $1`,
      [target.id],
    );
    expect(row).toEqual({ status: 'accepted', folder_id: other.krakow.id });
    const [mine] = await api.ctx.dataSource.query<{ folder_id: string }[]>(
      `SELECT folder_id FROM documents WHERE id = $1`,
      [a.krakowDocs[0]!.id],
    );
    expect(mine!.folder_id).toBe(a.krakow.id);
  });

  it('returns no rows to a raw query as the app role when no tenant is set (row-level security)', async () => {
    const c = await company();
    expect(c.krakowDocs).toHaveLength(2);
    const owner = await api.ctx.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM documents`);
    expect(owner[0]!.n).toBeGreaterThanOrEqual(4);
    const app = await createDataSource({
      url: api.ctx.database.appUrl,
      applicationName: 'rls-check',
      poolSize: 1,
    }).initialize();
    try {
      for (const table of [
        'documents',
        'folders',
        'folder_grants',
        'folder_document_counts',
        'user_groups',
        'user_group_members',
      ]) {
        const rows = await app.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
        expect(rows[0], table).toEqual({ n: 0 });
      }
    } finally {
      await app.destroy();
    }
  });
});
