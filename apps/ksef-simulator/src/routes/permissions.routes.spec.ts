import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';
import { sealCertificate, xadesLogin, xadesStatus } from '../testing/xades-login';

let h: SimHarness;
beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false } });
});
afterAll(async () => h.close());

async function waitForOperation(token: string, referenceNumber: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const res = await h.api<{ status: { code: number } }>('GET', `/permissions/operations/${referenceNumber}`, {
      token,
    });
    expect(res.status).toBe(200);
    if (res.body.status.code !== 100) return res.body.status.code;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('operation still running');
}

describe('/permissions', () => {
  it('person grant lets another subject in, shows in queries, and revocation removes it', async () => {
    const [owner, agent] = [randomNip(), randomNip()];
    const admin = (await xadesLogin(h, sealCertificate(owner), owner)).accessToken;
    const agentCert = sealCertificate(agent);
    expect(await xadesStatus(h, agentCert, owner)).toBe(415);

    const granted = await h.api<{ referenceNumber: string }>('POST', '/permissions/persons/grants', {
      token: admin,
      body: {
        subjectIdentifier: { type: 'Nip', value: agent },
        permissions: ['InvoiceRead', 'InvoiceWrite'],
        description: 'Biuro rachunkowe',
        subjectDetails: {
          subjectDetailsType: 'PersonByIdentifier',
          personById: { firstName: 'Ewa', lastName: 'Nowak' },
        },
      },
    });
    expect(granted.status).toBe(202);
    expect(await waitForOperation(admin, granted.body.referenceNumber)).toBe(200);

    const agentTokens = await xadesLogin(h, agentCert, owner);
    const persons = await h.api<{
      permissions: { id: string; permissionScope: string; authorizedIdentifier: { value: string } }[];
    }>('POST', '/permissions/query/persons/grants?pageSize=10', {
      token: admin,
      body: { queryType: 'PermissionsInCurrentContext' },
    });
    expect(persons.body.permissions.map((p) => p.permissionScope).sort()).toEqual(['InvoiceRead', 'InvoiceWrite']);
    const personal = await h.api<{ permissions: { contextIdentifier: { value: string } }[] }>(
      'POST',
      '/permissions/query/personal/grants',
      { token: agentTokens.accessToken, body: {} },
    );
    expect(personal.body.permissions.every((p) => p.contextIdentifier.value === owner)).toBe(true);
    expect(personal.body.permissions).toHaveLength(2);

    // The agent holds only invoice rights: managing permissions is forbidden.
    const forbidden = await h.api<{ reasonCode: string }>('POST', '/permissions/query/persons/grants', {
      token: agentTokens.accessToken,
      body: { queryType: 'PermissionsInCurrentContext' },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.reasonCode).toBe('missing-permissions');

    for (const permission of persons.body.permissions) {
      const revoked = await h.api<{ referenceNumber: string }>(
        'DELETE',
        `/permissions/common/grants/${permission.id}`,
        { token: admin },
      );
      expect(revoked.status).toBe(202);
    }
    expect(await xadesStatus(h, agentCert, owner)).toBe(415);
    const other = await loginWithKsefToken(h, randomNip(), ['CredentialsManage']);
    const foreign = await h.api('DELETE', `/permissions/common/grants/${persons.body.permissions[0]!.id}`, {
      token: other.accessToken,
    });
    expect(foreign.status).toBe(400);
  });

  it('entity grants and entity authorisations are queryable from both sides', async () => {
    const [client, office] = [randomNip(), randomNip()];
    const admin = (await xadesLogin(h, sealCertificate(client), client)).accessToken;
    const entity = await h.api<{ referenceNumber: string }>('POST', '/permissions/entities/grants', {
      token: admin,
      body: {
        subjectIdentifier: { type: 'Nip', value: office },
        permissions: [{ type: 'InvoiceRead', canDelegate: true }],
        description: 'Bufor - odczyt',
        subjectDetails: { fullName: 'Biuro Sp. z o.o.' },
      },
    });
    expect(await waitForOperation(admin, entity.body.referenceNumber)).toBe(200);
    const officeAdmin = (await xadesLogin(h, sealCertificate(office), office)).accessToken;
    const received = await h.api<{ permissions: { contextIdentifier: { value: string }; canDelegate: boolean }[] }>(
      'POST',
      '/permissions/query/entities/grants',
      { token: officeAdmin, body: {} },
    );
    expect(received.body.permissions).toEqual([
      expect.objectContaining({ contextIdentifier: { type: 'Nip', value: client }, canDelegate: true }),
    ]);
    // The office can now read the client's invoices in the client's context.
    expect(await xadesStatus(h, sealCertificate(office), client)).toBe(200);

    const auth = await h.api<{ referenceNumber: string }>('POST', '/permissions/authorizations/grants', {
      token: admin,
      body: {
        subjectIdentifier: { type: 'Nip', value: office },
        permission: 'SelfInvoicing',
        description: 'Samofakturowanie',
        subjectDetails: { fullName: 'Biuro Sp. z o.o.' },
      },
    });
    expect(auth.status).toBe(202);
    const granted = await h.api<{ authorizationGrants: { id: string; authorizationScope: string }[] }>(
      'POST',
      '/permissions/query/authorizations/grants',
      { token: admin, body: { queryType: 'Granted' } },
    );
    expect(granted.body.authorizationGrants.map((g) => g.authorizationScope)).toEqual(['SelfInvoicing']);
    const receivedAuth = await h.api<{ authorizationGrants: unknown[] }>(
      'POST',
      '/permissions/query/authorizations/grants',
      {
        token: officeAdmin,
        body: { queryType: 'Received' },
      },
    );
    expect(receivedAuth.body.authorizationGrants).toHaveLength(1);
    const revoked = await h.api(
      'DELETE',
      `/permissions/authorizations/grants/${granted.body.authorizationGrants[0]!.id}`,
      { token: admin },
    );
    expect(revoked.status).toBe(202);
    const after = await h.api<{ authorizationGrants: unknown[] }>('POST', '/permissions/query/authorizations/grants', {
      token: admin,
      body: { queryType: 'Granted' },
    });
    expect(after.body.authorizationGrants).toEqual([]);
  });

  it('reports attachment consent and answers the remaining queries', async () => {
    const nip = randomNip();
    const admin = (await xadesLogin(h, sealCertificate(nip), nip)).accessToken;
    const before = await h.api<{ isAttachmentAllowed: boolean }>('GET', '/permissions/attachments/status', {
      token: admin,
    });
    expect(before.body.isAttachmentAllowed).toBe(false);
    await h.api('POST', '/testdata/attachment', { body: { nip } });
    const after = await h.api<{ isAttachmentAllowed: boolean }>('GET', '/permissions/attachments/status', {
      token: admin,
    });
    expect(after.body.isAttachmentAllowed).toBe(true);
    expect((await h.api('GET', '/permissions/query/entities/roles', { token: admin })).status).toBe(200);
    expect(
      (await h.api('POST', '/permissions/query/subordinate-entities/roles', { token: admin, body: {} })).status,
    ).toBe(200);
    expect((await h.api('POST', '/permissions/query/subunits/grants', { token: admin, body: {} })).status).toBe(200);
    expect((await h.api('POST', '/permissions/query/eu-entities/grants', { token: admin, body: {} })).status).toBe(200);
    const unknownOperation = await h.api('GET', '/permissions/operations/20250101-EG-0000000000-0000000000-00', {
      token: admin,
    });
    expect(unknownOperation.status).toBe(400);
  });
});
