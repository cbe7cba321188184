import { newGroup } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface Problem {
  status: number;
  code: string;
  errors: { path: string; message: string }[];
}

interface GroupBody {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
}

describe('user groups (Administracja → Grupy)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('groups');
  });
  afterAll(() => api.close());

  const signIn = (email: string, password: string): Promise<string> => api.signIn({ email, password });

  async function companyWithAdmin() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    return { tenant, admin, token: await signIn(admin.email, admin.password) };
  }

  async function memberIds(groupId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await api.ctx.dataSource.query(
      'SELECT user_id FROM user_group_members WHERE group_id = $1 ORDER BY user_id',
      [groupId],
    );
    return rows.map((row) => row.user_id);
  }

  async function auditActions(tenantId: string, groupId: string): Promise<string[]> {
    const rows: { action: string }[] = await api.ctx.dataSource.query(
      'SELECT action FROM audit_events WHERE tenant_id = $1 AND target_id = $2 ORDER BY at, id',
      [tenantId, groupId],
    );
    return rows.map((row) => row.action);
  }

  it('creates, lists, renames and deletes groups, auditing each change', async () => {
    const { tenant, token } = await companyWithAdmin();
    const created = await api.request('/v1/groups', {
      method: 'POST',
      token,
      json: { name: '  Sklep Kraków 1 ', description: 'Kasjerzy z Krakowa' },
    });
    expect(created.status).toBe(201);
    const group = (await created.json()) as GroupBody;
    expect(group).toMatchObject({ name: 'Sklep Kraków 1', description: 'Kasjerzy z Krakowa', memberCount: 0 });
    await newGroup(api.ctx.dataSource, { tenant: await api.ctx.newTenant(), name: 'Obca grupa' });

    const list = (await (await api.request('/v1/groups', { token })).json()) as { items: GroupBody[] };
    expect(list.items.map((item) => item.name)).toEqual(['Sklep Kraków 1']);

    const renamed = await api.request(`/v1/groups/${group.id}`, {
      method: 'PATCH',
      token,
      json: { name: 'Sklep Kraków', description: null },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ id: group.id, name: 'Sklep Kraków', description: null });

    expect((await api.request(`/v1/groups/${group.id}`, { method: 'DELETE', token })).status).toBe(204);
    expect(((await (await api.request('/v1/groups', { token })).json()) as { items: unknown[] }).items).toEqual([]);
    expect(await auditActions(tenant.id, group.id)).toEqual(['group.created', 'group.updated', 'group.deleted']);
  });

  it('refuses a duplicate name (409) and bad input (400 with field paths), changing nothing', async () => {
    const { tenant, token } = await companyWithAdmin();
    const existing = await newGroup(api.ctx.dataSource, { tenant, name: 'Księgowość' });
    const other = await newGroup(api.ctx.dataSource, { tenant, name: 'Magazyn' });

    const duplicate = await api.request('/v1/groups', { method: 'POST', token, json: { name: 'Księgowość' } });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ code: 'GROUP_NAME_TAKEN', errors: [{ path: 'name' }] });
    const renameClash = await api.request(`/v1/groups/${other.id}`, {
      method: 'PATCH',
      token,
      json: { name: 'Księgowość' },
    });
    expect(renameClash.status).toBe(409);

    const empty = await api.request('/v1/groups', {
      method: 'POST',
      token,
      json: { name: '   ', description: 'x'.repeat(1001) },
    });
    expect(empty.status).toBe(400);
    const problem = (await empty.json()) as Problem;
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name', message: 'Podaj nazwę grupy.' }),
        expect.objectContaining({ path: 'description', message: 'Opis grupy może mieć najwyżej 1000 znaków.' }),
      ]),
    );
    const unknownField = await api.request(`/v1/groups/${other.id}`, {
      method: 'PATCH',
      token,
      json: { tenantId: tenant.id },
    });
    expect(unknownField.status).toBe(400);

    const names: { name: string }[] = await api.ctx.dataSource.query(
      'SELECT name FROM user_groups WHERE tenant_id = $1 ORDER BY name',
      [tenant.id],
    );
    expect(names.map((row) => row.name)).toEqual(['Księgowość', 'Magazyn']);
    expect(await auditActions(tenant.id, existing.id)).toEqual([]);
  });

  it('adds, lists and removes members; unknown people and groups, and people of other companies, are 404', async () => {
    const { tenant, token } = await companyWithAdmin();
    const group = await newGroup(api.ctx.dataSource, { tenant, name: 'Sklep Kraków' });
    const anna = await api.ctx.newUser({ tenant, displayName: 'Anna' });
    const outsider = await api.ctx.newUser({ tenant: await api.ctx.newTenant() });

    for (let i = 0; i < 2; i++) {
      expect((await api.request(`/v1/groups/${group.id}/members/${anna.id}`, { method: 'PUT', token })).status).toBe(
        204,
      );
    }
    const members = await api.request(`/v1/groups/${group.id}/members`, { token });
    expect(await members.json()).toEqual({ items: [{ id: anna.id, email: anna.email, displayName: 'Anna' }] });
    const counted = (await (await api.request('/v1/groups', { token })).json()) as { items: GroupBody[] };
    expect(counted.items[0]?.memberCount).toBe(1);

    const cases: [string, string][] = [
      [`/v1/groups/${group.id}/members/${outsider.id}`, 'USER_NOT_FOUND'],
      [`/v1/groups/${group.id}/members/00000000-0000-4000-8000-000000000000`, 'USER_NOT_FOUND'],
      [`/v1/groups/00000000-0000-4000-8000-000000000000/members/${anna.id}`, 'GROUP_NOT_FOUND'],
      [`/v1/groups/nie-uuid/members/${anna.id}`, 'GROUP_NOT_FOUND'],
    ];
    for (const [path, code] of cases) {
      const response = await api.request(path, { method: 'PUT', token });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as Problem).code, path).toBe(code);
    }
    expect(await memberIds(group.id)).toEqual([anna.id]);

    expect((await api.request(`/v1/groups/${group.id}/members/${anna.id}`, { method: 'DELETE', token })).status).toBe(
      204,
    );
    expect(await memberIds(group.id)).toEqual([]);
    expect(await auditActions(tenant.id, group.id)).toEqual(['group.member_added', 'group.member_removed']);
  });

  it("answers 404 for another company's group on every route and changes nothing", async () => {
    const { tenant, admin, token } = await companyWithAdmin();
    const b = await api.ctx.newTenant();
    const bUser = await api.ctx.newUser({ tenant: b });
    const theirs = await newGroup(api.ctx.dataSource, { tenant: b, name: 'Grupa B', members: [bUser] });

    const calls: [string, string, unknown?][] = [
      ['PATCH', `/v1/groups/${theirs.id}`, { name: 'Przejęta' }],
      ['DELETE', `/v1/groups/${theirs.id}`],
      ['GET', `/v1/groups/${theirs.id}/members`],
      ['PUT', `/v1/groups/${theirs.id}/members/${admin.id}`],
      ['DELETE', `/v1/groups/${theirs.id}/members/${bUser.id}`],
    ];
    for (const [method, path, json] of calls) {
      const response = await api.request(path, { method, token, json });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as Problem).code).toBe('GROUP_NOT_FOUND');
    }
    expect((await api.request('/v1/groups', { token, headers: { 'x-tenant-id': b.id } })).status).toBe(404);

    const rows: { name: string }[] = await api.ctx.dataSource.query('SELECT name FROM user_groups WHERE id = $1', [
      theirs.id,
    ]);
    expect(rows).toEqual([{ name: 'Grupa B' }]);
    expect(await memberIds(theirs.id)).toEqual([bUser.id]);
    const audit: { count: number }[] = await api.ctx.dataSource.query(
      'SELECT count(*)::int AS count FROM audit_events WHERE tenant_id IN ($1, $2)',
      [tenant.id, b.id],
    );
    expect(audit[0]!.count).toBe(0);
  });

  it('refuses every group route to a plain user (403)', async () => {
    const tenant = await api.ctx.newTenant();
    const plain = await api.ctx.newUser({ tenant, role: 'user' });
    const group = await newGroup(api.ctx.dataSource, { tenant, name: 'Sklep' });
    const token = await signIn(plain.email, plain.password);
    const calls: [string, string, unknown?][] = [
      ['GET', '/v1/groups'],
      ['POST', '/v1/groups', { name: 'Moja' }],
      ['PATCH', `/v1/groups/${group.id}`, { name: 'Moja' }],
      ['DELETE', `/v1/groups/${group.id}`],
      ['GET', `/v1/groups/${group.id}/members`],
      ['PUT', `/v1/groups/${group.id}/members/${plain.id}`],
      ['DELETE', `/v1/groups/${group.id}/members/${plain.id}`],
    ];
    for (const [method, path, json] of calls) {
      const response = await api.request(path, { method, token, json });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await memberIds(group.id)).toEqual([]);
  });
});
