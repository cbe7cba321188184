import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalMailCatcher, startLocalMailCatcher } from '@bufor/platform/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: { path: string; message: string }[];
}

const WEB = 'http://portal.bufor.test';

describe('public password routes: set-password (invitation or reset) and password-reset', () => {
  let api: TestApi;
  let mail: LocalMailCatcher;
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'bufor-invitations-mail-'));
    mail = await startLocalMailCatcher({ smtpPort: 0, webPort: 0, directory: scratch });
    api = await startTestApi('invitations', { SMTP_URL: mail.smtpUrl, PUBLIC_WEB_URL: WEB });
  });
  afterAll(async () => {
    await api.close();
    await mail.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  function login(email: string, password: string): Promise<Response> {
    return api.request('/v1/auth/login', { method: 'POST', json: { email, password } });
  }

  function linkTokenOf(text: string | undefined): string {
    const match = /\/ustaw-haslo\?token=([A-Za-z0-9_%-]+)/.exec(text ?? '');
    expect(match, text).not.toBeNull();
    return decodeURIComponent(match![1]!);
  }

  it('resets a forgotten password by e-mail link; old sessions end; the same 202 answers unknown e-mails', async () => {
    const tenant = await api.ctx.newTenant();
    const user = await api.ctx.newUser({ tenant });
    const oldSession = ((await (await login(user.email, user.password)).json()) as { accessToken: string }).accessToken;
    const stranger = `nikt-${tenant.slug}@example.pl`;

    const unknown = await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: stranger } });
    const known = await api.request('/v1/auth/password-reset', {
      method: 'POST',
      json: { email: user.email.toUpperCase() },
    });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.text()).toBe(await known.text());

    const message = await mail.waitForMessage((m) => m.to.includes(user.email));
    expect(message.subject).toBe('Resetowanie hasła w systemie Bufor');
    expect(message.text).toContain(`${WEB}/ustaw-haslo?token=`);
    expect((await mail.messages()).some((m) => m.to.includes(stranger))).toBe(false);

    // A second request within a minute sends nothing new (no inbox flooding); the first link stays valid.
    const control = await api.ctx.newUser({ tenant });
    await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: user.email } });
    await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: control.email } });
    await mail.waitForMessage((m) => m.to.includes(control.email));
    expect((await mail.messages()).filter((m) => m.to.includes(user.email))).toHaveLength(1);
    const tokens: { purpose: string; tenant_id: string | null; expires_at: Date; created_at: Date }[] =
      await api.ctx.dataSource.query(
        'SELECT purpose, tenant_id, expires_at, created_at FROM user_tokens WHERE user_id = $1',
        [user.id],
      );
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ purpose: 'password_reset', tenant_id: null });
    expect(tokens[0]!.expires_at.getTime() - tokens[0]!.created_at.getTime()).toBeLessThanOrEqual(3600_000 + 5_000);

    const set = await api.request('/v1/auth/set-password', {
      method: 'POST',
      json: { token: linkTokenOf(message.text), password: 'Nowe-haslo-po-resecie' },
    });
    expect(set.status).toBe(204);
    expect((await login(user.email, user.password)).status).toBe(401);
    expect((await login(user.email, 'Nowe-haslo-po-resecie')).status).toBe(200);
    expect((await api.request('/v1/me', { token: oldSession })).status).toBe(401);
  });

  it('refuses short passwords (400, path password) without using up the link', async () => {
    const user = await api.ctx.newUser({ tenant: await api.ctx.newTenant() });
    await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: user.email } });
    const token = linkTokenOf((await mail.waitForMessage((m) => m.to.includes(user.email))).text);

    const short = await api.request('/v1/auth/set-password', { method: 'POST', json: { token, password: 'krotkie' } });
    expect(short.status).toBe(400);
    const problem = (await short.json()) as Problem;
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'password', message: 'Hasło musi mieć co najmniej 12 znaków.' }),
    ]);
    const missing = await api.request('/v1/auth/set-password', { method: 'POST', json: {} });
    expect(((await missing.json()) as Problem).errors.map((e) => e.path).sort()).toEqual(['password', 'token']);
    expect((await login(user.email, user.password)).status).toBe(200);

    const ok = await api.request('/v1/auth/set-password', {
      method: 'POST',
      json: { token, password: 'Dwanascie-zn' },
    });
    expect(ok.status).toBe(204);
  });

  it('answers 410 for unknown, used and expired links, and changes no password', async () => {
    const user = await api.ctx.newUser({ tenant: await api.ctx.newTenant() });
    await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: user.email } });
    const token = linkTokenOf((await mail.waitForMessage((m) => m.to.includes(user.email))).text);
    await api.ctx.dataSource.query(
      `UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );

    for (const candidate of [token, 'zmyslony-token-ktorego-nie-ma']) {
      const response = await api.request('/v1/auth/set-password', {
        method: 'POST',
        json: { token: candidate, password: 'Jakies-dlugie-haslo' },
      });
      expect(response.status).toBe(410);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe('AUTH_TOKEN_EXPIRED');
      expect(problem.detail).toContain('Link wygasł lub został już użyty');
    }
    expect((await login(user.email, user.password)).status).toBe(200);
  });

  it('sends no reset link to an account disabled by the platform', async () => {
    const user = await api.ctx.newUser({ tenant: await api.ctx.newTenant() });
    const control = await api.ctx.newUser({ tenant: await api.ctx.newTenant() });
    await api.ctx.dataSource.query('UPDATE users SET disabled_at = now() WHERE id = $1', [user.id]);
    expect((await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: user.email } })).status).toBe(
      202,
    );
    await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: control.email } });
    await mail.waitForMessage((m) => m.to.includes(control.email));
    const tokens: unknown[] = await api.ctx.dataSource.query('SELECT id FROM user_tokens WHERE user_id = $1', [
      user.id,
    ]);
    expect(tokens).toEqual([]);

    const bad = await api.request('/v1/auth/password-reset', { method: 'POST', json: { email: 'nie-email' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Problem).errors[0]).toMatchObject({
      path: 'email',
      message: 'Podaj prawidłowy adres e-mail.',
    });
  });
});
