import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface AuditPage {
  items: {
    id: string;
    action: string;
    actor: { type: string; id: string; name: string | null } | null;
    after: unknown;
  }[];
  page: number;
  pageSize: number;
  total: number;
}

describe('audit log (Administracja → Dziennik zdarzeń)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('audit');
  });
  afterAll(() => api.close());

  const signIn = (email: string, password: string): Promise<string> => api.signIn({ email, password });

  async function company() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin', displayName: 'Anna Admin' });
    return { tenant, admin, token: await signIn(admin.email, admin.password) };
  }

  it("lists the company's events newest first with the actor's name, filtered and paged", async () => {
    const { admin, token } = await company();
    for (const name of ['Kasa 1', 'Kasa 2', 'Kasa 3']) {
      await api.request('/v1/api-keys', { method: 'POST', token, json: { name, scopes: ['invoices:read'] } });
    }
    const first = (await (await api.request('/v1/api-keys', { token })).json()) as { items: { id: string }[] };
    await api.request(`/v1/api-keys/${first.items[0]!.id}`, { method: 'DELETE', token });

    const all = (await (await api.request('/v1/audit-events', { token })).json()) as AuditPage;
    expect(all.total).toBe(4);
    expect(all.items[0]!.action).toBe('api_key.revoked');
    expect(all.items[0]!.actor).toEqual({ type: 'user', id: admin.id, name: 'Anna Admin' });

    const created = (await (
      await api.request('/v1/audit-events?action=api_key.created&pageSize=2&page=2', { token })
    ).json()) as AuditPage;
    expect(created).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(created.items).toHaveLength(1);

    const byActor = (await (
      await api.request(`/v1/audit-events?actorUserId=${admin.id}&targetType=api_key`, { token })
    ).json()) as AuditPage;
    expect(byActor.total).toBe(4);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = (await (
      await api.request(`/v1/audit-events?from=${encodeURIComponent(future)}`, { token })
    ).json()) as AuditPage;
    expect(none.total).toBe(0);
  });

  it("never shows another company's events, even asked for by id filters", async () => {
    const a = await company();
    const b = await company();
    await api.request('/v1/api-keys', {
      method: 'POST',
      token: b.token,
      json: { name: 'B', scopes: ['invoices:read'] },
    });
    const page = (await (
      await api.request(`/v1/audit-events?actorUserId=${b.admin.id}`, { token: a.token })
    ).json()) as AuditPage;
    expect(page.total).toBe(0);
    const viaHeader = await api.request('/v1/audit-events', {
      token: a.token,
      headers: { 'x-tenant-id': b.tenant.id },
    });
    expect(viaHeader.status).toBe(404);
  });

  it('is for admins only', async () => {
    const tenant = await api.ctx.newTenant();
    const user = await api.ctx.newUser({ tenant, role: 'user' });
    const { key } = await api.ctx.newApiKey({ tenant, scopes: ['invoices:read'] });
    expect((await api.request('/v1/audit-events', { token: await signIn(user.email, user.password) })).status).toBe(
      403,
    );
    expect((await api.request('/v1/audit-events', { token: key })).status).toBe(403);
  });

  it('rejects bad filters with Polish field errors', async () => {
    const { token } = await company();
    const cases: [string, string][] = [
      ['pageSize=500', 'pageSize'],
      ['page=0', 'page'],
      ['actorUserId=kowalski', 'actorUserId'],
      ['from=wczoraj', 'from'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ];
    for (const [query, path] of cases) {
      const response = await api.request(`/v1/audit-events?${query}`, { token });
      expect(response.status, query).toBe(400);
      const problem = (await response.json()) as { detail: string; errors: { path: string; message: string }[] };
      expect(
        problem.errors.map((e) => e.path),
        query,
      ).toContain(path);
      expect(problem.detail).toBe('Żądanie zawiera nieprawidłowe dane.');
    }
  });
});
