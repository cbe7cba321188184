import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface Problem {
  code: string;
  detail: string;
  errors: { path: string; message: string }[];
}

describe('API keys (Administracja → Klucze API)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('api-keys');
  });
  afterAll(() => api.close());

  const signIn = (email: string, password: string): Promise<string> => api.signIn({ email, password });

  async function adminOf() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    return { tenant, admin, token: await signIn(admin.email, admin.password) };
  }

  it('creates a key shown once, stored as a hash, that authenticates integrations; lists it without the key', async () => {
    const { tenant, token, admin } = await adminOf();
    const created = await api.request('/v1/api-keys', {
      method: 'POST',
      token,
      json: { name: 'Kasa Kraków 1', scopes: ['invoices:write', 'invoices:read'] },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; key: string; prefix: string; scopes: string[] };
    expect(body.key).toMatch(new RegExp(`^bfk_${body.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(body.scopes).toEqual(['invoices:write', 'invoices:read']);

    const [stored] = await api.ctx.dataSource.query<{ key_hash: string; created_by: string }[]>(
      'SELECT key_hash, created_by FROM api_keys WHERE id = $1',
      [body.id],
    );
    expect(stored!.key_hash).not.toContain(body.key);
    expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.created_by).toBe(admin.id);

    const asIntegration = await api.request('/v1/tenant', { token: body.key });
    expect(await asIntegration.json()).toMatchObject({ id: tenant.id, role: 'integration' });

    const list = await api.request('/v1/api-keys', { token });
    const listed = (await list.json()) as { items: Record<string, unknown>[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: body.id, name: 'Kasa Kraków 1', prefix: body.prefix, revokedAt: null });
    expect(listed.items[0]!['lastUsedAt']).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(body.key);

    const audit = await api.ctx.dataSource.query<{ action: string; after: Record<string, unknown> }[]>(
      `SELECT action, after FROM audit_events WHERE tenant_id = $1 AND target_id = $2`,
      [tenant.id, body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['api_key.created']);
    expect(JSON.stringify(audit)).not.toContain(body.key);
  });

  it('revokes a key: it stops authenticating, a second revoke is a conflict', async () => {
    const { token, tenant } = await adminOf();
    const { id, key } = await api.ctx.newApiKey({ tenant });
    expect((await api.request('/v1/tenant', { token: key })).status).toBe(200);

    expect((await api.request(`/v1/api-keys/${id}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await api.request('/v1/tenant', { token: key })).status).toBe(401);
    const again = await api.request(`/v1/api-keys/${id}`, { method: 'DELETE', token });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).code).toBe('API_KEY_ALREADY_REVOKED');
    const [row] = await api.ctx.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM audit_events WHERE target_id = $1 AND action = 'api_key.revoked'`,
      [id],
    );
    expect(row!.n).toBe('1');
  });

  it("answers 404 for another company's key and leaves it working", async () => {
    const { token } = await adminOf();
    const other = await api.ctx.newTenant();
    const { id, key } = await api.ctx.newApiKey({ tenant: other });

    const response = await api.request(`/v1/api-keys/${id}`, { method: 'DELETE', token });
    expect(response.status).toBe(404);
    expect(((await response.json()) as Problem).code).toBe('API_KEY_NOT_FOUND');
    expect((await api.request('/v1/api-keys/nie-uuid', { method: 'DELETE', token })).status).toBe(404);
    expect((await api.request('/v1/tenant', { token: key })).status).toBe(200);
    const list = (await (await api.request('/v1/api-keys', { token })).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });

  it('is for admins only, never for users or integration keys', async () => {
    const tenant = await api.ctx.newTenant();
    const user = await api.ctx.newUser({ tenant, role: 'user' });
    const token = await signIn(user.email, user.password);
    const { key } = await api.ctx.newApiKey({ tenant, scopes: ['invoices:write', 'invoices:read'] });

    expect((await api.request('/v1/api-keys', { token })).status).toBe(403);
    const create = await api.request('/v1/api-keys', {
      method: 'POST',
      token,
      json: { name: 'x', scopes: ['invoices:read'] },
    });
    expect(create.status).toBe(403);
    expect((await api.request('/v1/api-keys', { token: key })).status).toBe(403);
    const [row] = await api.ctx.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM api_keys WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(row!.n).toBe('1');
  });

  it('rejects bad input with Polish field errors and creates nothing', async () => {
    const { token, tenant } = await adminOf();
    const cases: [unknown, string][] = [
      [{ name: '', scopes: ['invoices:read'] }, 'name'],
      [{ name: 'Kasa', scopes: [] }, 'scopes'],
      [{ name: 'Kasa', scopes: ['admin:all'] }, 'scopes[0]'],
      [{ name: 'Kasa', scopes: ['invoices:read'], expiresAt: 'jutro' }, 'expiresAt'],
      [{ name: 'Kasa', scopes: ['invoices:read'], expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ];
    for (const [json, path] of cases) {
      const response = await api.request('/v1/api-keys', { method: 'POST', token, json });
      expect(response.status, JSON.stringify(json)).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(
        problem.errors.map((e) => e.path),
        JSON.stringify(json),
      ).toContain(path);
      expect(problem.detail).toMatch(/[ąćęłńóśźżŻ]|nieprawidłowe|Data/);
    }
    const [row] = await api.ctx.dataSource.query<{ n: string }[]>(
      'SELECT count(*) AS n FROM api_keys WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(row!.n).toBe('0');
  });
});
