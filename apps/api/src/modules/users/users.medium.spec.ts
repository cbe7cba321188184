import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalMailCatcher, startLocalMailCatcher } from '@bufor/platform/dev';
import { newGroup } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors: { path: string; message: string }[];
}

interface UserBody {
  id: string;
  email: string;
  displayName: string;
  role: string;
  status: string;
  groups: { id: string; name: string }[];
}

const WEB = 'http://portal.bufor.test';

describe('users of a company (Administracja → Użytkownicy)', () => {
  let api: TestApi;
  let mail: LocalMailCatcher;
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'bufor-users-mail-'));
    mail = await startLocalMailCatcher({ smtpPort: 0, webPort: 0, directory: scratch });
    api = await startTestApi('users', { SMTP_URL: mail.smtpUrl, PUBLIC_WEB_URL: WEB });
  });
  afterAll(async () => {
    await api.close();
    await mail.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const signIn = (email: string, password: string): Promise<string> => api.signIn({ email, password });

  async function companyWithAdmin(role: 'owner' | 'admin' = 'admin') {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role });
    return { tenant, admin, token: await signIn(admin.email, admin.password) };
  }

  function linkTokenOf(text: string | undefined): string {
    const match = /\/ustaw-haslo\?token=([A-Za-z0-9_%-]+)/.exec(text ?? '');
    expect(match, text).not.toBeNull();
    return decodeURIComponent(match![1]!);
  }

  async function memberRow(tenantId: string, userId: string) {
    const rows: { role: string; disabled_at: Date | null }[] = await api.ctx.dataSource.query(
      'SELECT role, disabled_at FROM memberships WHERE tenant_id = $1 AND user_id = $2',
      [tenantId, userId],
    );
    return rows[0] ?? null;
  }

  it('lists the people of the company with role, status (active, invited, disabled) and groups', async () => {
    const { tenant, admin, token } = await companyWithAdmin();
    const cashier = await api.ctx.newUser({ tenant, role: 'user', displayName: 'Anna Kasjer' });
    const invited = await api.ctx.newUser({ tenant, role: 'user', displayName: 'Bogdan Nowy' });
    await api.ctx.dataSource.query('UPDATE users SET password_hash = NULL WHERE id = $1', [invited.id]);
    const gone = await api.ctx.newUser({ tenant, role: 'user', displayName: 'Cezary Były' });
    await api.ctx.dataSource.query('UPDATE memberships SET disabled_at = now() WHERE user_id = $1', [gone.id]);
    const group = await newGroup(api.ctx.dataSource, { tenant, name: 'Sklep Kraków 1', members: [cashier] });
    const outsider = await api.ctx.newUser({ tenant: await api.ctx.newTenant() });

    const response = await api.request('/v1/users?pageSize=10', { token });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: UserBody[]; total: number; page: number; pageSize: number };
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 10 });
    const byId = new Map(body.items.map((item) => [item.id, item]));
    expect(byId.get(admin.id)).toMatchObject({ role: 'admin', status: 'active', groups: [] });
    expect(byId.get(cashier.id)).toMatchObject({
      status: 'active',
      groups: [{ id: group.id, name: 'Sklep Kraków 1' }],
    });
    expect(byId.get(invited.id)?.status).toBe('invited');
    expect(byId.get(gone.id)?.status).toBe('disabled');
    expect(byId.has(outsider.id)).toBe(false);

    const badPage = await api.request('/v1/users?pageSize=500', { token });
    expect(badPage.status).toBe(400);
    expect(((await badPage.json()) as Problem).errors[0]?.path).toBe('pageSize');
  });

  it('invites a new person: the e-mail carries a one-time link that sets the password, and they can log in', async () => {
    const { tenant, token } = await companyWithAdmin();
    const group = await newGroup(api.ctx.dataSource, { tenant, name: 'Sklep Kraków' });
    const email = `Nowa.Osoba.${tenant.slug}@Example.pl`;

    const response = await api.request('/v1/users', {
      method: 'POST',
      token,
      json: { email, displayName: 'Nowa Osoba', role: 'user', groupIds: [group.id] },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as UserBody;
    expect(created).toMatchObject({
      email: email.toLowerCase(),
      role: 'user',
      status: 'invited',
      groups: [{ id: group.id, name: 'Sklep Kraków' }],
    });

    const invitation = await mail.waitForMessage((m) => m.to.includes(email.toLowerCase()));
    expect(invitation.subject).toContain(tenant.name);
    expect(invitation.text).toContain(`${WEB}/ustaw-haslo?token=`);
    expect(invitation.text).toContain('zaproszono Cię do firmy');
    const linkToken = linkTokenOf(invitation.text);
    const stored: { token_hash: string }[] = await api.ctx.dataSource.query(
      'SELECT token_hash FROM user_tokens WHERE user_id = $1',
      [created.id],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(linkToken);

    const password = 'Bardzo-dlugie-haslo-1';
    const set = await api.request('/v1/auth/set-password', { method: 'POST', json: { token: linkToken, password } });
    expect(set.status).toBe(204);
    const own = await api.request('/v1/tenant', { token: await signIn(email, password) });
    expect(await own.json()).toMatchObject({ id: tenant.id, role: 'user' });

    const reused = await api.request('/v1/auth/set-password', {
      method: 'POST',
      json: { token: linkToken, password: 'Inne-dlugie-haslo-2' },
    });
    expect(reused.status).toBe(410);
    expect(((await reused.json()) as Problem).code).toBe('AUTH_TOKEN_EXPIRED');

    const listed = (await (await api.request('/v1/users', { token })).json()) as { items: UserBody[] };
    expect(listed.items.find((item) => item.id === created.id)?.status).toBe('active');
    const audit: { action: string; actor_user_id: string | null }[] = await api.ctx.dataSource.query(
      `SELECT action, actor_user_id FROM audit_events WHERE tenant_id = $1 AND target_id = $2 ORDER BY at, id`,
      [tenant.id, created.id],
    );
    expect(audit.map((event) => event.action)).toEqual(['user.invited', 'user.invitation_accepted']);
    expect(audit[1]!.actor_user_id).toBe(created.id);
  });

  it('adds an account of another company without a new password; inviting it twice is a 409', async () => {
    const { tenant, token } = await companyWithAdmin();
    const accountant = await api.ctx.newUser({ tenant: await api.ctx.newTenant(), role: 'admin' });

    const response = await api.request('/v1/users', {
      method: 'POST',
      token,
      json: { email: accountant.email.toUpperCase(), displayName: 'Biuro Rachunkowe', role: 'admin' },
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ id: accountant.id, role: 'admin', status: 'active' });
    const notice = await mail.waitForMessage((m) => m.to.includes(accountant.email));
    expect(notice.text).toContain('nie musisz ustawiać nowego hasła');
    expect(notice.text).not.toContain('ustaw-haslo');

    // The same password now opens both companies.
    const session = await signIn(accountant.email, accountant.password);
    const here = await api.request('/v1/tenant', { token: session, headers: { 'x-tenant-id': tenant.id } });
    expect(await here.json()).toMatchObject({ id: tenant.id, role: 'admin' });

    const again = await api.request('/v1/users', {
      method: 'POST',
      token,
      json: { email: accountant.email, displayName: 'Ktoś', role: 'user' },
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'USER_ALREADY_MEMBER', errors: [{ path: 'email' }] });
    expect((await memberRow(tenant.id, accountant.id))?.role).toBe('admin');
  });

  it('answers all but one of simultaneous invitations of the same new e-mail with 409, keeping one account', async () => {
    const { tenant, token } = await companyWithAdmin();
    const email = `rownoczesnie-${tenant.slug}@example.pl`;
    const invite = () =>
      api.request('/v1/users', { method: 'POST', token, json: { email, displayName: 'Podwójna', role: 'user' } });
    const statuses = (await Promise.all([invite(), invite(), invite()])).map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const accounts: { id: string }[] = await api.ctx.dataSource.query('SELECT id FROM users WHERE email = $1', [email]);
    expect(accounts).toHaveLength(1);
    expect(await memberRow(tenant.id, accounts[0]!.id)).toMatchObject({ role: 'user' });
  });

  it('rejects bad invitations with Polish problem details and field paths, creating nothing', async () => {
    const { tenant, token } = await companyWithAdmin();
    const foreignGroup = await newGroup(api.ctx.dataSource, { tenant: await api.ctx.newTenant() });
    const before: { count: number }[] = await api.ctx.dataSource.query('SELECT count(*)::int AS count FROM users');

    const invalid = await api.request('/v1/users', {
      method: 'POST',
      token,
      json: { email: 'nie-email', displayName: '', role: 'szef', groupIds: ['x'] },
    });
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as Problem;
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.detail).toBe('Żądanie zawiera nieprawidłowe dane.');
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['displayName', 'email', 'groupIds[0]', 'role']);
    expect(problem.errors.find((e) => e.path === 'email')?.message).toBe('Podaj prawidłowy adres e-mail.');

    const unknownGroup = await api.request('/v1/users', {
      method: 'POST',
      token,
      json: { email: `grupa-${tenant.slug}@example.pl`, displayName: 'X', role: 'user', groupIds: [foreignGroup.id] },
    });
    expect(unknownGroup.status).toBe(404);
    expect(await unknownGroup.json()).toMatchObject({ code: 'GROUP_NOT_FOUND', errors: [{ path: 'groupIds[0]' }] });

    const after: { count: number }[] = await api.ctx.dataSource.query('SELECT count(*)::int AS count FROM users');
    expect(after[0]!.count).toBe(before[0]!.count);
  });

  it('changes the role and name, disables and re-enables a person in this company only', async () => {
    const { tenant, token } = await companyWithAdmin();
    const other = await api.ctx.newTenant();
    const person = await api.ctx.newUser({ tenant, role: 'user' });
    await api.ctx.dataSource.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'user')`, [
      other.id,
      person.id,
    ]);
    const session = await signIn(person.email, person.password);

    const promoted = await api.request(`/v1/users/${person.id}`, {
      method: 'PATCH',
      token,
      json: { role: 'admin', displayName: 'Jan Awansowany' },
    });
    expect(promoted.status).toBe(200);
    expect(await promoted.json()).toMatchObject({ role: 'admin', displayName: 'Jan Awansowany', status: 'active' });

    const disabled = await api.request(`/v1/users/${person.id}`, { method: 'PATCH', token, json: { disabled: true } });
    expect(await disabled.json()).toMatchObject({ status: 'disabled' });
    const locked = await api.request('/v1/tenant', { token: session, headers: { 'x-tenant-id': tenant.id } });
    expect(locked.status).toBe(404);
    const elsewhere = await api.request('/v1/tenant', { token: session, headers: { 'x-tenant-id': other.id } });
    expect(elsewhere.status).toBe(200);

    const enabled = await api.request(`/v1/users/${person.id}`, { method: 'PATCH', token, json: { disabled: false } });
    expect(await enabled.json()).toMatchObject({ status: 'active' });
    expect((await api.request('/v1/tenant', { token: session, headers: { 'x-tenant-id': tenant.id } })).status).toBe(
      200,
    );

    const audit: { action: string; before: { role: string }; after: { role: string } }[] =
      await api.ctx.dataSource.query(
        `SELECT action, before, after FROM audit_events WHERE tenant_id = $1 AND target_id = $2 ORDER BY at, id`,
        [tenant.id, person.id],
      );
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ action: 'user.updated', before: { role: 'user' }, after: { role: 'admin' } });

    const bad = await api.request(`/v1/users/${person.id}`, {
      method: 'PATCH',
      token,
      json: { role: 'boss', disabled: 'tak', email: 'x@example.pl' },
    });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as Problem).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['role', 'disabled']));
  });

  it('keeps an active owner: the last one cannot be demoted or disabled, and only owners manage owners', async () => {
    const { tenant, admin, token: ownerToken } = await companyWithAdmin('owner');
    const adminUser = await api.ctx.newUser({ tenant, role: 'admin' });
    const adminToken = await signIn(adminUser.email, adminUser.password);

    for (const json of [{ role: 'user' }, { disabled: true }]) {
      const response = await api.request(`/v1/users/${admin.id}`, { method: 'PATCH', token: ownerToken, json });
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({
        code: 'USER_LAST_OWNER',
        errors: [{ path: Object.keys(json)[0] }],
      });
    }
    const byAdmin = await api.request(`/v1/users/${admin.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { role: 'user' },
    });
    expect(byAdmin.status).toBe(403);
    expect(((await byAdmin.json()) as Problem).code).toBe('USER_OWNER_ONLY');
    const selfPromotion = await api.request(`/v1/users/${adminUser.id}`, {
      method: 'PATCH',
      token: adminToken,
      json: { role: 'owner' },
    });
    expect(selfPromotion.status).toBe(403);
    expect((await memberRow(tenant.id, admin.id))?.role).toBe('owner');
    expect((await memberRow(tenant.id, adminUser.id))?.role).toBe('admin');

    // With a second owner, the first may step down.
    const second = await api.request(`/v1/users/${adminUser.id}`, {
      method: 'PATCH',
      token: ownerToken,
      json: { role: 'owner' },
    });
    expect(second.status).toBe(200);
    const stepDown = await api.request(`/v1/users/${admin.id}`, {
      method: 'PATCH',
      token: ownerToken,
      json: { role: 'admin' },
    });
    expect(stepDown.status).toBe(200);
  });

  it('resends an invitation with a new link; the old link stops working; active people need none', async () => {
    const { tenant, admin, token } = await companyWithAdmin();
    const email = `ponownie-${tenant.slug}@example.pl`;
    const created = (await (
      await api.request('/v1/users', {
        method: 'POST',
        token,
        json: { email, displayName: 'Pani Ponownie', role: 'user' },
      })
    ).json()) as UserBody;
    const first = linkTokenOf((await mail.waitForMessage((m) => m.to.includes(email))).text);
    await mail.clear();

    const resent = await api.request(`/v1/users/${created.id}/resend-invitation`, { method: 'POST', token });
    expect(resent.status).toBe(204);
    const second = linkTokenOf((await mail.waitForMessage((m) => m.to.includes(email))).text);
    expect(second).not.toBe(first);

    const old = await api.request('/v1/auth/set-password', {
      method: 'POST',
      json: { token: first, password: 'Haslo-dlugie-123' },
    });
    expect(old.status).toBe(410);
    const fresh = await api.request('/v1/auth/set-password', {
      method: 'POST',
      json: { token: second, password: 'Haslo-dlugie-123' },
    });
    expect(fresh.status).toBe(204);

    const active = await api.request(`/v1/users/${admin.id}/resend-invitation`, { method: 'POST', token });
    expect(active.status).toBe(409);
    expect(((await active.json()) as Problem).code).toBe('USER_ALREADY_ACTIVE');
  });

  it("answers 404 for another company's people on every route and changes nothing", async () => {
    const { token } = await companyWithAdmin();
    const b = await api.ctx.newTenant();
    const theirs = await api.ctx.newUser({ tenant: b, role: 'user', displayName: 'Osoba B' });
    await api.ctx.dataSource.query('UPDATE users SET password_hash = NULL WHERE id = $1', [theirs.id]);
    await mail.clear();

    const patch = await api.request(`/v1/users/${theirs.id}`, {
      method: 'PATCH',
      token,
      json: { role: 'admin', displayName: 'Przejęta', disabled: true },
    });
    expect(patch.status).toBe(404);
    expect(((await patch.json()) as Problem).code).toBe('USER_NOT_FOUND');
    const resend = await api.request(`/v1/users/${theirs.id}/resend-invitation`, { method: 'POST', token });
    expect(resend.status).toBe(404);
    const malformed = await api.request('/v1/users/not-a-uuid', { method: 'PATCH', token, json: { role: 'user' } });
    expect(malformed.status).toBe(404);
    const viaHeader = await api.request('/v1/users', { token, headers: { 'x-tenant-id': b.id } });
    expect(viaHeader.status).toBe(404);

    expect(await memberRow(b.id, theirs.id)).toEqual({ role: 'user', disabled_at: null });
    const names: { display_name: string }[] = await api.ctx.dataSource.query(
      'SELECT display_name FROM users WHERE id = $1',
      [theirs.id],
    );
    expect(names[0]!.display_name).toBe('Osoba B');
    const tokens: { count: number }[] = await api.ctx.dataSource.query(
      'SELECT count(*)::int AS count FROM user_tokens WHERE user_id = $1',
      [theirs.id],
    );
    expect(tokens[0]!.count).toBe(0);
    expect(await mail.messages()).toHaveLength(0);
  });

  it('refuses every users route to a plain user (403) and to an anonymous caller (401)', async () => {
    const tenant = await api.ctx.newTenant();
    const plain = await api.ctx.newUser({ tenant, role: 'user' });
    const token = await signIn(plain.email, plain.password);
    const calls: [string, string, unknown?][] = [
      ['GET', '/v1/users'],
      ['POST', '/v1/users', { email: 'x@example.pl', displayName: 'X', role: 'owner' }],
      ['PATCH', `/v1/users/${plain.id}`, { role: 'owner' }],
      ['POST', `/v1/users/${plain.id}/resend-invitation`],
    ];
    for (const [method, path, json] of calls) {
      const response = await api.request(path, { method, token, json });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as Problem).code).toBe('AUTH_ROLE_MISSING');
      expect((await api.request(path, { method, json })).status).toBe(401);
    }
    expect((await memberRow(tenant.id, plain.id))?.role).toBe('user');
  });
});
