import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

describe('auth over HTTP', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('auth', { AUTH_MAX_FAILED_LOGINS: '3', AUTH_LOCKOUT_SECONDS: '600' });
  });
  afterAll(() => api.close());

  const login = (email: string, password: string) =>
    api.request('/v1/auth/login', { method: 'POST', json: { email, password } });

  it('signs in with the right password and returns the companies of the user', async () => {
    const tenant = await api.ctx.newTenant({ name: 'Sklepy Kowalski Sp. z o.o.' });
    const user = await api.ctx.newUser({ tenant, role: 'admin', email: 'Admin@Kowalski.pl' });

    const response = await login('admin@kowalski.pl', user.password);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { accessToken: string; memberships: unknown[]; user: { email: string } };
    expect(body.accessToken).toMatch(/^bfs_/);
    expect(body.user.email).toBe('admin@kowalski.pl');
    expect(body.memberships).toEqual([
      {
        tenantId: tenant.id,
        tenantName: 'Sklepy Kowalski Sp. z o.o.',
        nip: tenant.nip,
        slug: tenant.slug,
        role: 'admin',
      },
    ]);

    const me = await api.request('/v1/me', { token: body.accessToken });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it('answers a wrong password with a Polish problem, the same as for an unknown e-mail', async () => {
    const user = await api.ctx.newUser();
    const wrong = await login(user.email, 'zle-haslo');
    const unknown = await login('nikt@example.pl', 'zle-haslo');
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', detail: 'Nieprawidłowy e-mail lub hasło.' });
      expect(problem['correlationId']).toBe(response.headers.get('x-request-id'));
    }
  });

  it('names every invalid field of a malformed login request', async () => {
    const response = await api.request('/v1/auth/login', { method: 'POST', json: { email: 'nie-email' } });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: { path: string; message: string }[] };
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.map((error) => error.path).sort()).toEqual(['email', 'password']);
    expect(problem.errors.find((error) => error.path === 'email')?.message).toBe('Podaj prawidłowy adres e-mail.');
  });

  it('locks the account after repeated failures, even for the right password, with Retry-After', async () => {
    const user = await api.ctx.newUser();
    for (let i = 0; i < 3; i++) expect((await login(user.email, `zle-${i}`)).status).toBe(401);
    const locked = await login(user.email, user.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(((await locked.json()) as { code: string }).code).toBe('AUTH_THROTTLED');
  });

  it('refuses a disabled account only after the right password', async () => {
    const user = await api.ctx.newUser();
    await api.ctx.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
    expect((await login(user.email, 'zle-haslo')).status).toBe(401);
    const response = await login(user.email, user.password);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  it('ends a session on logout and rejects expired sessions', async () => {
    const user = await api.ctx.newUser();
    const first = (await (await login(user.email, user.password)).json()) as { accessToken: string };
    expect((await api.request('/v1/auth/logout', { method: 'POST', token: first.accessToken })).status).toBe(204);
    expect((await api.request('/v1/me', { token: first.accessToken })).status).toBe(401);

    const second = (await (await login(user.email, user.password)).json()) as { accessToken: string };
    await api.ctx.dataSource.query(
      `UPDATE auth_sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [user.id],
    );
    const expired = await api.request('/v1/me', { token: second.accessToken });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: string }).code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('stores only a hash of the session token', async () => {
    const user = await api.ctx.newUser();
    const { accessToken } = (await (await login(user.email, user.password)).json()) as { accessToken: string };
    const rows = await api.ctx.dataSource.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM auth_sessions WHERE user_id = $1',
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(accessToken);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
