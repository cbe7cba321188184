import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalMailCatcher, startLocalMailCatcher } from '@bufor/platform/dev';
import { makePlatformOperator, randomNip } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';

interface Problem {
  status: number;
  code: string;
  errors: { path: string; message: string }[];
}

const WEB = 'http://portal.bufor.test';
const ADDRESS = { countryCode: 'PL', line1: 'ul. Floriańska 1', postalCode: '31-019', city: 'Kraków' };

/** A NIP whose check digit is wrong. */
function badNip(): string {
  const nip = randomNip();
  return nip.slice(0, 9) + String((Number(nip[9]) + 1) % 10);
}

describe('companies: details (Ustawienia → Dane firmy) and creation by a platform operator', () => {
  let api: TestApi;
  let mail: LocalMailCatcher;
  let scratch: string;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'bufor-tenants-mail-'));
    mail = await startLocalMailCatcher({ smtpPort: 0, webPort: 0, directory: scratch });
    api = await startTestApi('tenants', { SMTP_URL: mail.smtpUrl, PUBLIC_WEB_URL: WEB });
  });
  afterAll(async () => {
    await api.close();
    await mail.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  const signIn = (email: string, password: string): Promise<string> => api.signIn({ email, password });

  async function tenantRow(id: string) {
    const rows: Record<string, unknown>[] = await api.ctx.dataSource.query(
      'SELECT name, eori, taxpayer_status, contact_email, ksef_environment, registered_address FROM tenants WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  async function operatorToken(): Promise<string> {
    const operator = await api.ctx.newUser();
    await makePlatformOperator(api.ctx.dataSource, operator);
    return signIn(operator.email, operator.password);
  }

  it('lets an admin change the company details, auditing before → after', async () => {
    const tenant = await api.ctx.newTenant({ plan: 'full' });
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    const token = await signIn(admin.email, admin.password);

    const response = await api.request('/v1/tenant', {
      method: 'PATCH',
      token,
      json: {
        name: 'Sklepy Krakowskie S.A.',
        registeredAddress: ADDRESS,
        correspondenceAddress: null,
        eori: 'pl526025027400000',
        taxpayerStatus: 'restructuring',
        contactEmail: 'biuro@sklepy.pl',
        ksefEnvironment: 'PRD',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: tenant.id,
      nip: tenant.nip,
      name: 'Sklepy Krakowskie S.A.',
      registeredAddress: ADDRESS,
      eori: 'PL526025027400000',
      taxpayerStatus: 'restructuring',
      ksefEnvironment: 'PRD',
      role: 'admin',
    });

    const audit: {
      action: string;
      actor_user_id: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    }[] = await api.ctx.dataSource.query(
      'SELECT action, actor_user_id, before, after FROM audit_events WHERE tenant_id = $1',
      [tenant.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'tenant.updated',
      actor_user_id: admin.id,
      before: { name: tenant.name, ksefEnvironment: 'SIM', taxpayerStatus: 'active', eori: null },
      after: { name: 'Sklepy Krakowskie S.A.', ksefEnvironment: 'PRD', taxpayerStatus: 'restructuring' },
    });
    // Unchanged fields are not in the audit record.
    expect(audit[0]!.before).not.toHaveProperty('correspondenceAddress');
  });

  it('does not let a demo company choose the production KSeF environment', async () => {
    const tenant = await api.ctx.newTenant({ plan: 'demo' });
    const owner = await api.ctx.newUser({ tenant, role: 'owner' });
    const token = await signIn(owner.email, owner.password);

    const response = await api.request('/v1/tenant', {
      method: 'PATCH',
      token,
      json: { ksefEnvironment: 'PRD', name: 'Nowa' },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'TENANT_PLAN_FORBIDS_PRD',
      errors: [{ path: 'ksefEnvironment' }],
    });
    expect(await tenantRow(tenant.id)).toMatchObject({ ksef_environment: 'SIM', name: tenant.name });

    const demo = await api.request('/v1/tenant', { method: 'PATCH', token, json: { ksefEnvironment: 'DEMO' } });
    expect(await demo.json()).toMatchObject({ ksefEnvironment: 'DEMO' });
  });

  it('rejects bad company details with Polish field errors, and fields that cannot change here', async () => {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    const token = await signIn(admin.email, admin.password);

    const response = await api.request('/v1/tenant', {
      method: 'PATCH',
      token,
      json: {
        name: '',
        eori: '12',
        contactEmail: 'nie-email',
        taxpayerStatus: 'zawieszony',
        registeredAddress: { countryCode: 'PL' },
        nip: '5260250274',
      },
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as Problem;
    expect(problem.errors.map((e) => e.path).sort()).toEqual(
      ['contactEmail', 'eori', 'name', 'nip', 'registeredAddress.line1', 'taxpayerStatus'].sort(),
    );
    // The NIP is fixed for a company: sending it is an unknown field, named as such.
    expect(problem.errors.find((e) => e.path === 'nip')?.message).toBe('Nieznane pole: usuń je z żądania.');
    expect(problem.errors.find((e) => e.path === 'name')?.message).toBe('Podaj nazwę firmy.');
    expect(await tenantRow(tenant.id)).toMatchObject({ name: tenant.name, eori: null, contact_email: null });
  });

  it("refuses company changes to a plain user (403) and another company's admin (404), changing nothing", async () => {
    const a = await api.ctx.newTenant();
    const b = await api.ctx.newTenant();
    const plain = await api.ctx.newUser({ tenant: a, role: 'user' });
    const adminA = await api.ctx.newUser({ tenant: a, role: 'admin' });

    const asPlain = await api.request('/v1/tenant', {
      method: 'PATCH',
      token: await signIn(plain.email, plain.password),
      json: { name: 'Przejęta' },
    });
    expect(asPlain.status).toBe(403);
    const crossTenant = await api.request('/v1/tenant', {
      method: 'PATCH',
      token: await signIn(adminA.email, adminA.password),
      headers: { 'x-tenant-id': b.id },
      json: { name: 'Przejęta' },
    });
    expect(crossTenant.status).toBe(404);
    expect((await tenantRow(a.id))?.name).toBe(a.name);
    expect((await tenantRow(b.id))?.name).toBe(b.name);
  });

  it('lets an operator create a company: derived address, system folder, invited owner who sets a password and logs in', async () => {
    const token = await operatorToken();
    const nip = randomNip();
    const ownerEmail = `wlasciciel-${nip}@example.pl`;

    const response = await api.request('/v1/operator/tenants', {
      method: 'POST',
      token,
      json: {
        nip: `${nip.slice(0, 3)}-${nip.slice(3, 6)}-${nip.slice(6, 8)}-${nip.slice(8)}`,
        name: `Żabka Łódź ${nip} Sp. z o.o.`,
        plan: 'full',
        contactEmail: 'kontakt@example.pl',
        registeredAddress: { countryCode: 'PL', line1: 'ul. Piotrkowska 1', postalCode: '90-001', city: 'Łódź' },
        eori: 'pl1234567890',
        taxpayerStatus: 'restructuring',
        owner: { email: ownerEmail, displayName: 'Właściciel Firmy' },
      },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; nip: string; slug: string; plan: string };
    expect(created).toMatchObject({
      nip,
      slug: `zabka-lodz-${nip}-sp-z-o-o`,
      plan: 'full',
      ksefEnvironment: 'SIM',
      registeredAddress: { countryCode: 'PL', line1: 'ul. Piotrkowska 1', postalCode: '90-001', city: 'Łódź' },
      correspondenceAddress: null,
      eori: 'PL1234567890',
      taxpayerStatus: 'restructuring',
    });

    const folders: { system_key: string }[] = await api.ctx.dataSource.query(
      'SELECT system_key FROM folders WHERE tenant_id = $1',
      [created.id],
    );
    expect(folders).toEqual([{ system_key: 'unassigned' }]);
    const audit: { action: string }[] = await api.ctx.dataSource.query(
      'SELECT action FROM audit_events WHERE tenant_id = $1',
      [created.id],
    );
    expect(audit).toEqual([{ action: 'tenant.created' }]);

    const invitation = await mail.waitForMessage((m) => m.to.includes(ownerEmail));
    const linkToken = decodeURIComponent(/\/ustaw-haslo\?token=([A-Za-z0-9_%-]+)/.exec(invitation.text ?? '')![1]!);
    const set = await api.request('/v1/auth/set-password', {
      method: 'POST',
      json: { token: linkToken, password: 'Haslo-wlasciciela-1' },
    });
    expect(set.status).toBe(204);
    const own = await api.request('/v1/tenant', { token: await signIn(ownerEmail, 'Haslo-wlasciciela-1') });
    expect(await own.json()).toMatchObject({ id: created.id, role: 'owner' });

    // The same name again gets the next free address.
    const sameName = await api.request('/v1/operator/tenants', {
      method: 'POST',
      token,
      json: {
        nip: randomNip(),
        name: `Żabka Łódź ${nip} Sp. z o.o.`,
        plan: 'demo',
        owner: { email: ownerEmail, displayName: 'W' },
      },
    });
    expect(await sameName.json()).toMatchObject({ slug: `zabka-lodz-${nip}-sp-z-o-o-2` });

    const list = await api.request(`/v1/operator/tenants?q=${nip}`, { token });
    expect(list.status).toBe(200);
    const listed = (await list.json()) as { items: { id: string }[]; total: number };
    expect(listed.total).toBe(2);
    expect(listed.items.map((item) => item.id)).toContain(created.id);
  });

  it('rejects an invalid NIP (400, path nip), a taken NIP or address (409), creating nothing', async () => {
    const token = await operatorToken();
    const existing = await api.ctx.newTenant();
    const owner = { email: 'ktos@example.pl', displayName: 'Ktoś' };
    const count = async () =>
      (await api.ctx.dataSource.query<{ count: number }[]>('SELECT count(*)::int AS count FROM tenants'))[0]!.count;
    const before = await count();

    const cases: [unknown, number, string, string][] = [
      [{ nip: badNip(), name: 'Zła', plan: 'demo', owner }, 400, 'VALIDATION_FAILED', 'nip'],
      [{ nip: '12345', name: 'Krótka', plan: 'demo', owner }, 400, 'VALIDATION_FAILED', 'nip'],
      [{ nip: existing.nip, name: 'Duplikat', plan: 'demo', owner }, 409, 'TENANT_NIP_TAKEN', 'nip'],
      [{ nip: randomNip(), name: 'Adres', slug: existing.slug, plan: 'demo', owner }, 409, 'TENANT_SLUG_TAKEN', 'slug'],
      [{ nip: randomNip(), name: 'Adres', slug: 'Zły_Adres', plan: 'demo', owner }, 400, 'VALIDATION_FAILED', 'slug'],
      [{ nip: randomNip(), name: 'Plan', plan: 'gold', owner: { email: 'x' } }, 400, 'VALIDATION_FAILED', 'plan'],
      [{ nip: randomNip(), name: 'EORI', plan: 'demo', eori: 'P', owner }, 400, 'VALIDATION_FAILED', 'eori'],
      [
        { nip: randomNip(), name: 'Status', plan: 'demo', taxpayerStatus: 'x', owner },
        400,
        'VALIDATION_FAILED',
        'taxpayerStatus',
      ],
    ];
    for (const [json, status, code, path] of cases) {
      const response = await api.request('/v1/operator/tenants', { method: 'POST', token, json });
      expect(response.status, JSON.stringify(json)).toBe(status);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe(code);
      expect(problem.errors.map((e) => e.path)).toContain(path);
    }
    const invalid = await api.request('/v1/operator/tenants', {
      method: 'POST',
      token,
      json: { nip: badNip(), name: 'Zła', plan: 'demo', owner },
    });
    expect(((await invalid.json()) as Problem).errors[0]?.message).toBe('NIP ma nieprawidłową cyfrę kontrolną.');
    expect(await count()).toBe(before);
  });

  it('keeps the operator routes to platform operators (403 for a company owner)', async () => {
    const tenant = await api.ctx.newTenant();
    const owner = await api.ctx.newUser({ tenant, role: 'owner' });
    const token = await signIn(owner.email, owner.password);
    const create = await api.request('/v1/operator/tenants', {
      method: 'POST',
      token,
      json: { nip: randomNip(), name: 'Nie wolno', plan: 'full', owner: { email: 'a@example.pl', displayName: 'A' } },
    });
    expect(create.status).toBe(403);
    expect((await api.request('/v1/operator/tenants', { token })).status).toBe(403);
    const rows: unknown[] = await api.ctx.dataSource.query(`SELECT id FROM tenants WHERE name = 'Nie wolno'`);
    expect(rows).toEqual([]);
  });
});
