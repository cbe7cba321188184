import { AccessBuilders } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface Problem {
  code: string;
  errors: { path: string; message: string }[];
}
interface GrantBody {
  id: string;
  subject: { type: string; id: string; name: string };
  permission: string;
  documentKinds: string[] | null;
  inherited: boolean;
}

describe('permissions: grants, who sees a folder, effective permissions', () => {
  let api: TestApi;
  let b: AccessBuilders;
  beforeAll(async () => {
    api = await startTestApi('permissions');
    b = new AccessBuilders(api.ctx.dataSource);
  });
  afterAll(() => api.close());

  const signIn = (user: { email: string; password: string }): Promise<string> => api.signIn(user);

  async function company() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin', displayName: 'Anna Admin' });
    const seller = await api.ctx.newUser({ tenant, role: 'user', displayName: 'Piotr Sprzedawca' });
    const shops = await b.newFolder(tenant, 'Sklepy');
    const krakow = await b.newFolder(tenant, 'Sklepy/Kraków');
    const group = await b.newGroup(tenant, { name: 'Sklep Kraków', members: [seller] });
    return { tenant, admin, seller, shops, krakow, group, token: await signIn(admin) };
  }

  it('grants to a group and a user, lists own and inherited grants, and revokes', async () => {
    const c = await company();
    const toGroup = await api.request(`/v1/folders/${c.shops.id}/grants`, {
      method: 'POST',
      token: c.token,
      json: { groupId: c.group.id, permission: 'view' },
    });
    expect(toGroup.status).toBe(201);
    expect(await toGroup.json()).toMatchObject({
      subject: { type: 'group', id: c.group.id, name: 'Sklep Kraków' },
      documentKinds: null,
    });
    const toUser = await api.request(`/v1/folders/${c.krakow.id}/grants`, {
      method: 'POST',
      token: c.token,
      json: { userId: c.seller.id, permission: 'handle', documentKinds: ['purchase', 'correction', 'purchase'] },
    });
    expect(toUser.status).toBe(201);
    const userGrant = (await toUser.json()) as GrantBody;
    expect(userGrant.documentKinds).toEqual(['purchase', 'correction']);

    const listed = (await (await api.request(`/v1/folders/${c.krakow.id}/grants`, { token: c.token })).json()) as {
      items: GrantBody[];
    };
    expect(listed.items.map((g) => [g.subject.name, g.permission, g.inherited])).toEqual([
      ['Piotr Sprzedawca', 'handle', false],
      ['Sklep Kraków', 'view', true],
    ]);

    expect(
      (await api.request(`/v1/folders/${c.krakow.id}/grants/${userGrant.id}`, { method: 'DELETE', token: c.token }))
        .status,
    ).toBe(204);
    const after = (await (await api.request(`/v1/folders/${c.krakow.id}/grants`, { token: c.token })).json()) as {
      items: GrantBody[];
    };
    expect(after.items).toHaveLength(1);
    const audit = await api.ctx.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE tenant_id = $1 ORDER BY at`,
      [c.tenant.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'folder_grant.created',
      'folder_grant.created',
      'folder_grant.deleted',
    ]);
  });

  it('rejects bad grants with Polish problem details naming the field', async () => {
    const c = await company();
    const url = `/v1/folders/${c.krakow.id}/grants`;
    const both = await api.request(url, {
      method: 'POST',
      token: c.token,
      json: { userId: c.seller.id, groupId: c.group.id, permission: 'view' },
    });
    expect(both.status).toBe(400);
    expect(((await both.json()) as Problem).errors.map((e) => e.path)).toEqual(['userId']);

    const bad = await api.request(url, {
      method: 'POST',
      token: c.token,
      json: { groupId: c.group.id, permission: 'own', documentKinds: ['faktura'] },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors.map((e) => e.path).sort()).toEqual([
      'documentKinds[0]',
      'permission',
    ]);

    const unknownGroup = await api.request(url, {
      method: 'POST',
      token: c.token,
      json: { groupId: '00000000-0000-4000-8000-000000000000', permission: 'view' },
    });
    expect(unknownGroup.status).toBe(422);
    const problem = (await unknownGroup.json()) as Problem;
    expect(problem.code).toBe('GRANT_SUBJECT_NOT_FOUND');
    expect(problem.errors[0]).toEqual({ path: 'groupId', message: 'Nie znaleziono takiej grupy w tej firmie.' });
    const count = await api.ctx.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM folder_grants WHERE tenant_id = $1`,
      [c.tenant.id],
    );
    expect(count[0]!.n).toBe(0);
  });

  it('shows who can see a folder and why, from the same computation as the effective permissions', async () => {
    const c = await company();
    await b.newGrant({
      tenant: c.tenant,
      folder: c.shops,
      group: c.group,
      permission: 'view',
      documentKinds: ['sales'],
    });
    await b.newGrant({
      tenant: c.tenant,
      folder: c.krakow,
      user: c.seller,
      permission: 'view',
      documentKinds: ['advance'],
    });
    const outsider = await api.ctx.newUser({ tenant: c.tenant, displayName: 'Zofia Obca' });

    const access = await api.request(`/v1/folders/${c.krakow.id}/access`, { token: c.token });
    expect(access.status).toBe(200);
    const items = (
      (await access.json()) as {
        items: { user: { id: string }; permission: string; via: unknown[]; documentKinds: string[] | null }[];
      }
    ).items;
    const admin = items.find((i) => i.user.id === c.admin.id)!;
    expect(admin).toMatchObject({
      permission: 'handle',
      documentKinds: null,
      via: [{ type: 'role', name: 'admin', folderId: null }],
    });
    const seller = items.find((i) => i.user.id === c.seller.id)!;
    expect(seller.documentKinds).toEqual(['advance', 'sales']);
    expect(seller.via).toEqual(
      expect.arrayContaining([
        { type: 'group', name: 'Sklep Kraków', folderId: c.shops.id },
        { type: 'user', name: 'Piotr Sprzedawca', folderId: c.krakow.id },
      ]),
    );
    expect(items.map((i) => i.user.id)).not.toContain(outsider.id);

    const effective = await api.request(`/v1/users/${c.seller.id}/effective-permissions`, { token: c.token });
    expect(((await effective.json()) as { items: unknown[] }).items).toEqual(
      [
        { folderId: c.krakow.id, permission: 'view', documentKinds: ['advance', 'sales'] },
        { folderId: c.shops.id, permission: 'view', documentKinds: ['sales'] },
      ].sort((x, y) => x.folderId.localeCompare(y.folderId)),
    );
    const none = await api.request(`/v1/users/${outsider.id}/effective-permissions`, { token: c.token });
    expect(await none.json()).toEqual({ items: [] });
  });

  it('is for admins only', async () => {
    const c = await company();
    const token = await signIn(c.seller);
    for (const path of [
      `/v1/folders/${c.krakow.id}/grants`,
      `/v1/folders/${c.krakow.id}/access`,
      `/v1/users/${c.seller.id}/effective-permissions`,
    ]) {
      expect((await api.request(path, { token })).status, path).toBe(403);
    }
  });

  it('answers 404 to tenant A for tenant B’s folders, grants, groups and users, and changes nothing', async () => {
    const a = await company();
    const other = await company();
    const theirGrant = await b.newGrant({ tenant: other.tenant, folder: other.krakow, group: other.group });
    const token = a.token;
    const notFound: [string, string, unknown][] = [
      ['GET', `/v1/folders/${other.krakow.id}/grants`, undefined],
      ['POST', `/v1/folders/${other.krakow.id}/grants`, { groupId: other.group.id, permission: 'view' }],
      ['DELETE', `/v1/folders/${other.krakow.id}/grants/${theirGrant.id}`, undefined],
      ['DELETE', `/v1/folders/${a.krakow.id}/grants/${theirGrant.id}`, undefined],
      ['GET', `/v1/folders/${other.krakow.id}/access`, undefined],
      ['GET', `/v1/users/${other.seller.id}/effective-permissions`, undefined],
    ];
    for (const [method, path, json] of notFound) {
      expect((await api.request(path, { method, token, json })).status, `${method} ${path}`).toBe(404);
    }
    const foreignGroup = await api.request(`/v1/folders/${a.krakow.id}/grants`, {
      method: 'POST',
      token,
      json: { groupId: other.group.id, permission: 'view' },
    });
    expect(foreignGroup.status).toBe(422);
    const foreignUser = await api.request(`/v1/folders/${a.krakow.id}/grants`, {
      method: 'POST',
      token,
      json: { userId: other.seller.id, permission: 'view' },
    });
    expect(foreignUser.status).toBe(422);
    const grants = await api.ctx.dataSource.query<{ id: string }[]>(
      `SELECT tenant_id, id FROM folder_grants WHERE tenant_id = ANY($1)`,
      [[a.tenant.id, other.tenant.id]],
    );
    expect(grants.map((g) => g.id)).toEqual([theirGrant.id]);
  });
});
