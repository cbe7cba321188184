import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

describe('tenant resolution and the request guard', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('tenancy', { BASE_DOMAIN: 'bufor.test' });
  });
  afterAll(() => api.close());

  const signIn = (email: string, password: string): Promise<string> => api.signIn({ email, password });

  it('uses the only company of a person without being told', async () => {
    const tenant = await api.ctx.newTenant({ name: 'Jedyna Firma' });
    const user = await api.ctx.newUser({ tenant, role: 'user' });
    const response = await api.request('/v1/tenant', { token: await signIn(user.email, user.password) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: tenant.id, name: 'Jedyna Firma', role: 'user' });
  });

  it('asks a person of several companies to choose, then serves the chosen one by header or by portal address', async () => {
    const a = await api.ctx.newTenant();
    const b = await api.ctx.newTenant();
    const accountant = await api.ctx.newUser({ tenant: a, role: 'admin' });
    await api.ctx.dataSource.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'user')`, [
      b.id,
      accountant.id,
    ]);
    const token = await signIn(accountant.email, accountant.password);

    const unchosen = await api.request('/v1/tenant', { token });
    expect(unchosen.status).toBe(400);
    expect(((await unchosen.json()) as { code: string }).code).toBe('TENANT_REQUIRED');

    const byHeader = await api.request('/v1/tenant', { token, headers: { 'x-tenant-id': b.id } });
    expect(await byHeader.json()).toMatchObject({ id: b.id, role: 'user' });

    const auth = { authorization: `Bearer ${token}` };
    const byHost = await api.getRaw('/v1/tenant', { ...auth, host: `${a.slug}.bufor.test` });
    expect(byHost.body).toMatchObject({ id: a.id, role: 'admin' });

    const conflicting = await api.getRaw('/v1/tenant', { ...auth, host: `${a.slug}.bufor.test`, 'x-tenant-id': b.id });
    expect(conflicting.status).toBe(400);
    expect(conflicting.body).toMatchObject({ code: 'TENANT_MISMATCH' });
  });

  it('answers 404 for a company the person does not belong to, by id, by address, or when disabled there', async () => {
    const mine = await api.ctx.newTenant();
    const theirs = await api.ctx.newTenant();
    const user = await api.ctx.newUser({ tenant: mine });
    const token = await signIn(user.email, user.password);

    const outsiders: Record<string, string>[] = [
      { 'x-tenant-id': theirs.id },
      { host: `${theirs.slug}.bufor.test` },
      { host: 'nie-ma-takiej.bufor.test' },
      { 'x-tenant-id': 'not-a-uuid' },
    ];
    for (const headers of outsiders) {
      const response = await api.getRaw('/v1/tenant', { authorization: `Bearer ${token}`, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(404);
      expect(response.body).toMatchObject({ code: 'TENANT_NOT_FOUND' });
    }

    await api.ctx.dataSource.query('UPDATE memberships SET disabled_at = now() WHERE user_id = $1', [user.id]);
    expect((await api.request('/v1/tenant', { token, headers: { 'x-tenant-id': mine.id } })).status).toBe(404);
  });

  it('authenticates integrations by API key, confined to their own company and to routes open to them', async () => {
    const a = await api.ctx.newTenant();
    const b = await api.ctx.newTenant();
    const { key } = await api.ctx.newApiKey({ tenant: a, scopes: ['invoices:write'] });

    const own = await api.request('/v1/tenant', { token: key });
    expect(await own.json()).toMatchObject({ id: a.id, role: 'integration' });
    const viaHeader = await api.request('/v1/tenant', { headers: { 'x-api-key': key } });
    expect(viaHeader.status).toBe(200);

    expect((await api.request('/v1/tenant', { token: key, headers: { 'x-tenant-id': b.id } })).status).toBe(404);

    const peopleOnly = await api.request('/v1/me', { token: key });
    expect(peopleOnly.status).toBe(403);
    expect(((await peopleOnly.json()) as { code: string }).code).toBe('AUTH_PEOPLE_ONLY');

    const forged = await api.request('/v1/tenant', { token: `${key.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { code: string }).code).toBe('AUTH_INVALID_API_KEY');

    await api.ctx.dataSource.query('UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1', [a.id]);
    expect((await api.request('/v1/tenant', { token: key })).status).toBe(401);
  });
});
