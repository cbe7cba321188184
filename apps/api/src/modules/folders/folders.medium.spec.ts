import { AccessBuilders } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface FolderBody {
  id: string;
  parentId: string | null;
  name: string;
  systemKey: string | null;
  path: string[];
  documentCount: number;
  canHandle: boolean;
}
interface Problem {
  code: string;
  detail: string;
  errors: { path: string; message: string }[];
}

describe('folders: the tree, its rules and who sees it', () => {
  let api: TestApi;
  let b: AccessBuilders;
  beforeAll(async () => {
    api = await startTestApi('folders');
    b = new AccessBuilders(api.ctx.dataSource);
  });
  afterAll(() => api.close());

  const signIn = (user: { email: string; password: string }): Promise<string> => api.signIn(user);

  async function adminOfNewTenant() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'owner' });
    return { tenant, admin, token: await signIn(admin) };
  }

  async function create(token: string, json: unknown): Promise<FolderBody> {
    const response = await api.request('/v1/folders', { method: 'POST', token, json });
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(201);
    return (await response.json()) as FolderBody;
  }

  it('creates a tree next to the system folder and lists it with paths and document counts', async () => {
    const { tenant, token } = await adminOfNewTenant();
    const shops = await create(token, { name: 'Sklepy' });
    const krakow = await create(token, { name: ' Kraków ', parentId: shops.id });
    expect(krakow).toMatchObject({ name: 'Kraków', parentId: shops.id, path: ['Sklepy', 'Kraków'], canHandle: true });
    await b.newDocument({ tenant, folder: krakow });

    const listed = (await (await api.request('/v1/folders', { token })).json()) as { items: FolderBody[] };
    expect(listed.items.map((f) => [f.path.join('/'), f.systemKey, f.documentCount])).toEqual([
      ['Nieprzypisane', 'unassigned', 0],
      ['Sklepy', null, 0],
      ['Sklepy/Kraków', null, 1],
    ]);

    const duplicate = await api.request('/v1/folders', {
      method: 'POST',
      token,
      json: { name: 'Kraków', parentId: shops.id },
    });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as Problem).code).toBe('FOLDER_NAME_TAKEN');
    const audit = await api.ctx.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE tenant_id = $1 AND target_type = 'folder' ORDER BY at`,
      [tenant.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['folder.created', 'folder.created']);
  });

  it('renames and moves, refusing a move into the folder’s own subtree (422 FOLDER_CYCLE)', async () => {
    const { token } = await adminOfNewTenant();
    const a = await create(token, { name: 'A' });
    const ab = await create(token, { name: 'B', parentId: a.id });
    const abc = await create(token, { name: 'C', parentId: ab.id });

    for (const parentId of [abc.id, ab.id, a.id]) {
      const cycle = await api.request(`/v1/folders/${a.id}`, { method: 'PATCH', token, json: { parentId } });
      expect(cycle.status).toBe(422);
      const body = (await cycle.json()) as Problem;
      expect(body.code).toBe('FOLDER_CYCLE');
      expect(body.errors[0]!.path).toBe('parentId');
    }

    const moved = await api.request(`/v1/folders/${abc.id}`, {
      method: 'PATCH',
      token,
      json: { parentId: null, name: 'C2' },
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ parentId: null, path: ['C2'] });
    const under = await api.request(`/v1/folders/${a.id}`, { method: 'PATCH', token, json: { parentId: abc.id } });
    expect(await under.json()).toMatchObject({ path: ['C2', 'A'] });
  });

  it('protects the system folder “Nieprzypisane” (422 FOLDER_SYSTEM)', async () => {
    const { tenant, token } = await adminOfNewTenant();
    const unassigned = await b.unassignedFolder(tenant);
    const other = await create(token, { name: 'Inny' });
    for (const [method, json] of [
      ['PATCH', { name: 'Nowa nazwa' }],
      ['PATCH', { parentId: other.id }],
      ['DELETE', undefined],
    ] as const) {
      const response = await api.request(`/v1/folders/${unassigned.id}`, { method, token, json });
      expect(response.status).toBe(422);
      expect(((await response.json()) as Problem).code).toBe('FOLDER_SYSTEM');
    }
    const [row] = await api.ctx.dataSource.query<
      {
        name: string;
        parent_id: string | null;
      }[]
    >(`SELECT name, parent_id FROM folders WHERE id = $1`, [unassigned.id]);
    expect(row).toEqual({ name: 'Nieprzypisane', parent_id: null });
  });

  it('deletes only an empty folder, or the subtree after moving its documents (409 FOLDER_NOT_EMPTY)', async () => {
    const { tenant, token } = await adminOfNewTenant();
    const shops = await create(token, { name: 'Sklepy' });
    const krakow = await create(token, { name: 'Kraków', parentId: shops.id });
    const empty = await create(token, { name: 'Pusty' });
    const doc = await b.newDocument({ tenant, folder: krakow });
    await b.newGrant({ tenant, folder: krakow, user: await api.ctx.newUser({ tenant }) });

    expect((await api.request(`/v1/folders/${empty.id}`, { method: 'DELETE', token })).status).toBe(204);

    for (const id of [shops.id, krakow.id]) {
      const refused = await api.request(`/v1/folders/${id}`, { method: 'DELETE', token });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as Problem).code).toBe('FOLDER_NOT_EMPTY');
    }
    const intoItself = await api.request(`/v1/folders/${shops.id}?moveDocumentsTo=${krakow.id}`, {
      method: 'DELETE',
      token,
    });
    expect(intoItself.status).toBe(422);
    expect(((await intoItself.json()) as Problem).errors[0]!.path).toBe('moveDocumentsTo');

    const unassigned = await b.unassignedFolder(tenant);
    const deleted = await api.request(`/v1/folders/${shops.id}?moveDocumentsTo=${unassigned.id}`, {
      method: 'DELETE',
      token,
    });
    expect(deleted.status).toBe(204);
    const [moved] = await api.ctx.dataSource.query<
      {
        folder_id: string;
      }[]
    >(`SELECT folder_id FROM documents WHERE id = $1`, [doc.id]);
    expect(moved!.folder_id).toBe(unassigned.id);
    const left = await api.ctx.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM folders WHERE id = ANY($1)`,
      [[shops.id, krakow.id]],
    );
    expect(left[0]!.n).toBe(0);
  });

  it('answers bad input with Polish problem details naming each field', async () => {
    const { token } = await adminOfNewTenant();
    const response = await api.request('/v1/folders', {
      method: 'POST',
      token,
      json: { name: 'a/b', parentId: 'x', color: 1 },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Problem;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['color', 'name', 'parentId']);
    expect(body.errors.find((e) => e.path === 'name')!.message).toBe('Nazwa katalogu nie może zawierać znaku „/”.');
    const emptyPatch = await api.request('/v1/folders/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      token,
      json: {},
    });
    expect(emptyPatch.status).toBe(400);
    const badQuery = await api.request('/v1/folders/00000000-0000-4000-8000-000000000000?moveDocumentsTo=nie', {
      method: 'DELETE',
      token,
    });
    expect(((await badQuery.json()) as Problem).errors[0]!.path).toBe('moveDocumentsTo');
  });

  it('answers 404 to tenant A for tenant B’s folders and changes nothing', async () => {
    const a = await adminOfNewTenant();
    const other = await adminOfNewTenant();
    const theirs = await create(other.token, { name: 'Ich' });
    const mine = await create(a.token, { name: 'Mój' });
    await b.newDocument({ tenant: other.tenant, folder: theirs });

    const attempts: [string, string, unknown][] = [
      ['PATCH', `/v1/folders/${theirs.id}`, { name: 'Przejęty' }],
      ['PATCH', `/v1/folders/${mine.id}`, { parentId: theirs.id }],
      ['DELETE', `/v1/folders/${theirs.id}`, undefined],
      ['DELETE', `/v1/folders/${mine.id}?moveDocumentsTo=${theirs.id}`, undefined],
      ['POST', '/v1/folders', { name: 'Podrzucony', parentId: theirs.id }],
    ];
    for (const [method, path, json] of attempts) {
      const response = await api.request(path, { method, token: a.token, json });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as Problem).code).toBe('FOLDER_NOT_FOUND');
    }
    const rows = await api.ctx.dataSource.query<unknown[]>(
      `SELECT name, parent_id FROM folders WHERE id = ANY($1) ORDER BY name`,
      [[theirs.id, mine.id]],
    );
    expect(rows).toEqual([
      { name: 'Ich', parent_id: null },
      { name: 'Mój', parent_id: null },
    ]);
    const listed = (await (await api.request('/v1/folders', { token: a.token })).json()) as { items: FolderBody[] };
    expect(listed.items.map((f) => f.id)).not.toContain(theirs.id);
  });

  it('shows a user only the folders their grants reach, and refuses them tree changes', async () => {
    const { tenant, token } = await adminOfNewTenant();
    const shops = await create(token, { name: 'Sklepy' });
    const krakow = await create(token, { name: 'Kraków', parentId: shops.id });
    await create(token, { name: 'Warszawa', parentId: shops.id });
    const user = await api.ctx.newUser({ tenant });
    await b.newGrant({
      tenant,
      folder: krakow,
      group: await b.newGroup(tenant, { members: [user] }),
      permission: 'handle',
      documentKinds: ['purchase'],
    });
    await b.newDocument({ tenant, folder: krakow, direction: 'purchase' });
    await b.newDocument({ tenant, folder: krakow, direction: 'sales' });
    const userToken = await signIn(user);

    const listed = (await (await api.request('/v1/folders', { token: userToken })).json()) as { items: FolderBody[] };
    expect(listed.items).toEqual([
      {
        id: krakow.id,
        parentId: shops.id,
        name: 'Kraków',
        systemKey: null,
        path: ['Sklepy', 'Kraków'],
        documentCount: 1,
        canHandle: true,
      },
    ]);
    const refused = await api.request('/v1/folders', { method: 'POST', token: userToken, json: { name: 'X' } });
    expect(refused.status).toBe(403);
  });
});
