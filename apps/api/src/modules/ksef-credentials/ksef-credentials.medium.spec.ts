import { createPrivateKey } from 'node:crypto';
import { createSelfSignedCertificate, KsefClient, signXadesEnveloped, simulatorEnvironment } from '@bufor/ksef-client';
import { ksefNip } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefTestStack, startKsefTestStack } from './ksef-test-setup';

interface Problem {
  code: string;
  detail: string;
  errors: { path: string; message: string }[];
}
interface Panel {
  environment: string;
  method: string | null;
  active: boolean;
  expiresAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  details: Record<string, string>;
}

describe('KSeF credentials and the connection panel', () => {
  let stack: KsefTestStack;
  beforeAll(async () => {
    stack = await startKsefTestStack('ksef-credentials');
  });
  afterAll(() => stack.close());

  async function company(plan: 'demo' | 'full' = 'full') {
    const tenant = await stack.api.ctx.newTenant({ nip: ksefNip(), plan });
    const admin = await stack.api.ctx.newUser({ tenant, role: 'admin' });
    return { tenant, token: await stack.signIn(admin.email, admin.password) };
  }

  const call = (token: string, method: string, path: string, json?: unknown) =>
    stack.api.request(path, { method, token, json });

  async function panel(token: string): Promise<Panel> {
    const response = await call(token, 'GET', '/v1/ksef/connection');
    expect(response.status).toBe(200);
    return (await response.json()) as Panel;
  }

  async function envelopeOf(tenantId: string): Promise<string | null> {
    const [row] = await stack.api.ctx.dataSource.query<{ secret_envelope: string }[]>(
      'SELECT secret_envelope FROM ksef_credentials WHERE tenant_id = $1',
      [tenantId],
    );
    return row?.secret_envelope ?? null;
  }

  async function sealCertificate(nip: string, password?: string) {
    const issued = await createSelfSignedCertificate(
      {
        organizationName: 'Firma Testowa',
        organizationIdentifier: `VATPL-${nip}`,
        commonName: 'Firma Testowa',
        countryName: 'PL',
      },
      'rsa',
    );
    const privateKeyPem = password
      ? (createPrivateKey(issued.privateKeyPem).export({
          type: 'pkcs8',
          format: 'pem',
          cipher: 'aes-256-cbc',
          passphrase: password,
        }) as string)
      : issued.privateKeyPem;
    return { ...issued, privateKeyPem, plainKeyPem: issued.privateKeyPem };
  }

  it('stores a KSeF token sealed, never returns it, and "Sprawdź połączenie" logs in to the simulator', async () => {
    const { tenant, token } = await company();
    const { ksefToken } = await stack.taxpayer(tenant.nip);

    expect((await call(token, 'PUT', '/v1/ksef/credentials/token', { token: ksefToken })).status).toBe(204);
    const envelope = await envelopeOf(tenant.id);
    expect(envelope).toMatch(/^v1\./);
    expect(envelope).not.toContain(ksefToken);

    const before = await panel(token);
    expect(before).toMatchObject({ environment: 'SIM', method: 'token', lastSuccessAt: null, lastError: null });

    const test = await call(token, 'POST', '/v1/ksef/connection/test');
    expect(test.status).toBe(200);
    expect(await test.json()).toMatchObject({ ok: true });
    const after = await panel(token);
    expect(after.active).toBe(true);
    expect(after.lastSuccessAt).not.toBeNull();
    expect(JSON.stringify(after)).not.toContain(ksefToken);

    const tokens = await call(token, 'GET', '/v1/ksef/tokens');
    expect(tokens.status).toBe(200);
    const listed = (await tokens.json()) as { items: { status: string; expiry: string }[] };
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((item) => ['ok', 'soon', 'expired'].includes(item.expiry))).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(ksefToken);

    const audit = await stack.api.ctx.dataSource.query<{ action: string; after: { purpose?: string } }[]>(
      `SELECT action, after FROM audit_events WHERE tenant_id = $1 ORDER BY at`,
      [tenant.id],
    );
    expect(audit.map((event) => event.action)).toEqual([
      'ksef_credential.set',
      'ksef_credential.used',
      'ksef_credential.used',
    ]);
    expect(audit.map((event) => event.after.purpose).slice(1)).toEqual(['connection_test', 'list_tokens']);
    expect(JSON.stringify(audit)).not.toContain(ksefToken);
  });

  it('reports an invalid token and a revoked one in Polish in the panel', async () => {
    const { tenant, token } = await company();
    const { ksefToken } = await stack.taxpayer(tenant.nip);
    const forged = `${ksefToken.slice(0, -8)}00000000`;
    await call(token, 'PUT', '/v1/ksef/credentials/token', { token: forged });

    const failed = await call(token, 'POST', '/v1/ksef/connection/test');
    const result = (await failed.json()) as { ok: boolean; error: string };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/KSeF \(SIM\) odrzucił uwierzytelnienie/);
    let shown = await panel(token);
    expect(shown).toMatchObject({ active: false, lastError: result.error });

    // The real token works, then is revoked in KSeF: the next check says so.
    await call(token, 'PUT', '/v1/ksef/credentials/token', { token: ksefToken });
    expect(await (await call(token, 'POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: true });
    const ksef = new KsefClient({ environment: simulatorEnvironment(stack.simApiUrl) });
    const session = ksef.login({ kind: 'token', context: { type: 'Nip', value: tenant.nip }, ksefToken });
    const [own] = await ksef.tokens(session).list();
    await ksef.tokens(session).revoke(own!.referenceNumber);

    const revoked = (await (await call(token, 'POST', '/v1/ksef/connection/test')).json()) as {
      ok: boolean;
      error: string;
    };
    expect(revoked.ok).toBe(false);
    expect(revoked.error).toMatch(/odrzucił uwierzytelnienie/);
    shown = await panel(token);
    expect(shown.active).toBe(false);
    expect(shown.lastError).toBe(revoked.error);
    expect(shown.lastSuccessAt).not.toBeNull();
  });

  it('accepts a certificate with its encrypted key, refuses a key of another certificate, and logs in with it', async () => {
    const { tenant, token } = await company();
    await stack.taxpayer(tenant.nip);
    const password = 'Hasło-do-klucza-42';
    const mine = await sealCertificate(tenant.nip, password);
    const other = await sealCertificate(tenant.nip);

    const mismatch = await call(token, 'PUT', '/v1/ksef/credentials/certificate', {
      certificatePem: mine.certificatePem,
      privateKeyPem: other.privateKeyPem,
    });
    expect(mismatch.status).toBe(400);
    const problem = (await mismatch.json()) as Problem;
    expect(problem.code).toBe('KSEF_CERT_KEY_MISMATCH');
    expect(problem.detail).toBe('Klucz prywatny nie pasuje do certyfikatu.');
    expect(problem.errors[0]!.path).toBe('privateKeyPem');

    const wrongPassword = await call(token, 'PUT', '/v1/ksef/credentials/certificate', {
      certificatePem: mine.certificatePem,
      privateKeyPem: mine.privateKeyPem,
      privateKeyPassword: 'zle-haslo',
    });
    expect(wrongPassword.status).toBe(400);
    expect(((await wrongPassword.json()) as Problem).errors[0]!.path).toBe('privateKeyPassword');
    const noPassword = await call(token, 'PUT', '/v1/ksef/credentials/certificate', {
      certificatePem: mine.certificatePem,
      privateKeyPem: mine.privateKeyPem,
    });
    expect(((await noPassword.json()) as Problem).errors[0]!.path).toBe('privateKeyPassword');
    const notACertificate = await call(token, 'PUT', '/v1/ksef/credentials/certificate', {
      certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      privateKeyPem: mine.privateKeyPem,
    });
    expect(((await notACertificate.json()) as Problem).code).toBe('KSEF_CERT_INVALID');
    expect(await envelopeOf(tenant.id)).toBeNull();

    const base64Der = Buffer.from(mine.certificateDer).toString('base64');
    const stored = await call(token, 'PUT', '/v1/ksef/credentials/certificate', {
      certificatePem: base64Der,
      privateKeyPem: mine.privateKeyPem,
      privateKeyPassword: password,
    });
    expect(stored.status).toBe(204);
    const envelope = await envelopeOf(tenant.id);
    for (const secret of [password, mine.plainKeyPem.split('\n')[1]!, mine.privateKeyPem.split('\n')[2]!]) {
      expect(envelope).not.toContain(secret);
    }
    const shown = await panel(token);
    expect(shown.method).toBe('certificate');
    expect(shown.details['subject']).toContain(`VATPL-${tenant.nip}`);
    expect(Date.parse(shown.expiresAt!)).toBeGreaterThan(Date.now() + 300 * 86_400_000);

    expect(await (await call(token, 'POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: true });
    const certificates = await call(token, 'GET', '/v1/ksef/certificates');
    expect(certificates.status).toBe(200);
    expect(Array.isArray(((await certificates.json()) as { items: unknown[] }).items)).toBe(true);
  });

  it('runs the external-signing flow: refuses the unsigned original, accepts the signed file', async () => {
    const { tenant, token } = await company();
    await stack.taxpayer(tenant.nip);
    const signer = await sealCertificate(tenant.nip);

    const challenge = await call(token, 'POST', '/v1/ksef/credentials/external/challenge');
    expect(challenge.status).toBe(201);
    const { requestId, unsignedXml } = (await challenge.json()) as { requestId: string; unsignedXml: string };
    expect(unsignedXml).toContain('<AuthTokenRequest');
    expect(unsignedXml).toContain(tenant.nip);

    for (const signedXml of [unsignedXml, unsignedXml.replace('<Challenge>', '<!-- bez podpisu --><Challenge>')]) {
      const refused = await call(token, 'POST', '/v1/ksef/credentials/external/signed', { requestId, signedXml });
      expect(refused.status).toBe(400);
      const problem = (await refused.json()) as Problem;
      expect(problem.code).toBe('KSEF_XML_NOT_SIGNED');
      expect(problem.errors[0]!.path).toBe('signedXml');
      expect(problem.detail).toMatch(/podpis|niepodpisany/i);
    }
    expect(await envelopeOf(tenant.id)).toBeNull();

    const signedXml = signXadesEnveloped(unsignedXml, {
      certificate: signer.certificatePem,
      privateKey: signer.plainKeyPem,
    });
    const accepted = await call(token, 'POST', '/v1/ksef/credentials/external/signed', { requestId, signedXml });
    expect(accepted.status).toBe(204);
    const shown = await panel(token);
    expect(shown).toMatchObject({ method: 'external_signature', active: true });
    expect(shown.lastSuccessAt).not.toBeNull();
    expect(shown.expiresAt).not.toBeNull();
    expect(await (await call(token, 'POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: true });

    const reused = await call(token, 'POST', '/v1/ksef/credentials/external/signed', { requestId, signedXml });
    expect(reused.status).toBe(404);
  });

  it("keeps companies apart: another company's signing request is unknown and its credential untouched", async () => {
    const a = await company();
    const b = await company();
    const { ksefToken } = await stack.taxpayer(a.tenant.nip);
    await call(a.token, 'PUT', '/v1/ksef/credentials/token', { token: ksefToken });
    const { requestId, unsignedXml } = (await (
      await call(a.token, 'POST', '/v1/ksef/credentials/external/challenge')
    ).json()) as { requestId: string; unsignedXml: string };

    const foreign = await call(b.token, 'POST', '/v1/ksef/credentials/external/signed', {
      requestId,
      signedXml: unsignedXml,
    });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as Problem).code).toBe('KSEF_SIGNING_REQUEST_NOT_FOUND');
    expect(await panel(b.token)).toMatchObject({ method: null, active: false });
    const noCredential = await call(b.token, 'POST', '/v1/ksef/connection/test');
    expect(noCredential.status).toBe(409);
    expect((await call(b.token, 'DELETE', '/v1/ksef/credentials')).status).toBe(409);
    expect((await call(b.token, 'GET', '/v1/ksef/tokens')).status).toBe(409);
    expect((await panel(a.token)).method).toBe('token');

    // Tenant A's admin pointing X-Tenant-Id at B is refused by the guard.
    const viaHeader = await stack.api.request('/v1/ksef/connection', {
      token: a.token,
      headers: { 'x-tenant-id': b.tenant.id },
    });
    expect(viaHeader.status).toBe(404);

    expect((await call(a.token, 'DELETE', '/v1/ksef/credentials')).status).toBe(204);
    expect(await envelopeOf(a.tenant.id)).toBeNull();
    expect((await panel(a.token)).method).toBeNull();
  });

  it('lets only admins change or use credentials; people see the panel; integrations see nothing', async () => {
    const { tenant, token: adminToken } = await company();
    const user = await stack.api.ctx.newUser({ tenant, role: 'user' });
    const token = await stack.signIn(user.email, user.password);
    const { key } = await stack.api.ctx.newApiKey({ tenant, scopes: ['invoices:write'] });
    const { ksefToken } = await stack.taxpayer(tenant.nip);
    await call(adminToken, 'PUT', '/v1/ksef/credentials/token', { token: ksefToken });

    for (const [method, path] of [
      ['PUT', '/v1/ksef/credentials/token'],
      ['PUT', '/v1/ksef/credentials/certificate'],
      ['POST', '/v1/ksef/credentials/external/challenge'],
      ['DELETE', '/v1/ksef/credentials'],
      ['POST', '/v1/ksef/connection/test'],
      ['GET', '/v1/ksef/tokens'],
      ['GET', '/v1/ksef/certificates'],
    ] as const) {
      const response = await call(token, method, path, method === 'PUT' ? { token: 'x'.repeat(40) } : undefined);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await panel(token)).method).toBe('token');
    expect((await call(key, 'GET', '/v1/ksef/connection')).status).toBe(403);
    const [row] = await stack.api.ctx.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1 AND action = 'ksef_credential.used'`,
      [tenant.id],
    );
    expect(row!.n).toBe('0');
  });

  it('refuses production KSeF for a demo-plan company', async () => {
    const { tenant, token } = await company('demo');
    const { ksefToken } = await stack.taxpayer(tenant.nip);
    await call(token, 'PUT', '/v1/ksef/credentials/token', { token: ksefToken });
    await stack.api.ctx.dataSource.query(`UPDATE tenants SET ksef_environment = 'PRD' WHERE id = $1`, [tenant.id]);
    const response = await call(token, 'POST', '/v1/ksef/connection/test');
    expect(response.status).toBe(422);
    expect(((await response.json()) as Problem).code).toBe('KSEF_PLAN_FORBIDS_PRD');
  });

  it('rejects malformed input with Polish field errors', async () => {
    const { tenant, token } = await company();
    const cases: [string, string, unknown, string][] = [
      ['PUT', '/v1/ksef/credentials/token', {}, 'token'],
      ['PUT', '/v1/ksef/credentials/token', { token: 'ab cd ef gh ij kl mn op' }, 'token'],
      [
        'PUT',
        '/v1/ksef/credentials/certificate',
        { certificatePem: 'x'.repeat(70_000), privateKeyPem: 'k' },
        'certificatePem',
      ],
      ['PUT', '/v1/ksef/credentials/certificate', { certificatePem: 'abc' }, 'privateKeyPem'],
      ['POST', '/v1/ksef/credentials/external/signed', { requestId: 'nie-uuid', signedXml: '<a/>' }, 'requestId'],
    ];
    for (const [method, path, json, field] of cases) {
      const response = await call(token, method, path, json);
      expect(response.status, `${path} ${field}`).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.errors.map((error) => error.path)).toContain(field);
      expect(problem.detail).toBe('Żądanie zawiera nieprawidłowe dane.');
    }
    expect(await envelopeOf(tenant.id)).toBeNull();
  });
});
