import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTokenAuth, loginWithKsefToken, waitForAuth } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';

interface TokenItem {
  referenceNumber: string;
  status: string;
  description: string;
  requestedPermissions: string[];
  authorIdentifier: { type: string; value: string };
}
type Exception = { exception: { exceptionDetailList: { exceptionCode: number }[] } };

let h: SimHarness;
beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false } });
});
afterAll(async () => h.close());

const ADMIN = ['InvoiceWrite', 'InvoiceRead', 'CredentialsManage'];

async function waitForStatus(token: string, ref: string, wanted: string): Promise<TokenItem> {
  for (let i = 0; i < 100; i++) {
    const res = await h.api<TokenItem>('GET', `/tokens/${ref}`, { token });
    expect(res.status).toBe(200);
    if (res.body.status === wanted) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`token ${ref} never reached ${wanted}`);
}

describe('/tokens', () => {
  it('generates a Pending token that becomes Active, authenticates, and after revocation no longer does', async () => {
    const nip = randomNip();
    const admin = await loginWithKsefToken(h, nip, ADMIN);
    const created = await h.api<{ referenceNumber: string; token: string }>('POST', '/tokens', {
      token: admin.accessToken,
      body: { permissions: ['InvoiceRead'], description: 'Token do odczytu faktur' },
    });
    expect(created.status).toBe(202);
    expect(created.body.token.startsWith(`${created.body.referenceNumber}|nip-${nip}|`)).toBe(true);
    const first = await h.api<TokenItem>('GET', `/tokens/${created.body.referenceNumber}`, {
      token: admin.accessToken,
    });
    expect(['Pending', 'Active']).toContain(first.body.status);
    const active = await waitForStatus(admin.accessToken, created.body.referenceNumber, 'Active');
    expect(active.requestedPermissions).toEqual(['InvoiceRead']);
    expect(active.authorIdentifier).toEqual({ type: 'Nip', value: nip });

    const init = await initTokenAuth(h, nip, created.body.token);
    expect(await waitForAuth(h, init.body.referenceNumber, init.body.authenticationToken.token)).toBe(200);

    const revoked = await h.api('DELETE', `/tokens/${created.body.referenceNumber}`, { token: admin.accessToken });
    expect(revoked.status).toBe(204);
    await waitForStatus(admin.accessToken, created.body.referenceNumber, 'Revoked');
    const again = await initTokenAuth(h, nip, created.body.token);
    expect(await waitForAuth(h, again.body.referenceNumber, again.body.authenticationToken.token)).toBe(450);
  });

  it('refuses permissions the caller lacks (26001)', async () => {
    const caller = await loginWithKsefToken(h, randomNip(), ['InvoiceWrite', 'InvoiceRead']);
    const res = await h.api<Exception>('POST', '/tokens', {
      token: caller.accessToken,
      body: { permissions: ['CredentialsManage'], description: 'Za duże uprawnienia' },
    });
    expect(res.status).toBe(400);
    expect(res.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(26001);
    const invalid = await h.api('POST', '/tokens', {
      token: caller.accessToken,
      body: { permissions: [], description: 'x' },
    });
    expect(invalid.status).toBe(400);
  });

  it('lists with paging, filters and visibility rules', async () => {
    const nip = randomNip();
    const admin = await loginWithKsefToken(h, nip, ADMIN);
    for (let i = 0; i < 12; i++) {
      const res = await h.api('POST', '/tokens', {
        token: admin.accessToken,
        body: { permissions: ['InvoiceRead'], description: i % 2 === 0 ? `Parzysty ${i}` : `Nieparzysty ${i}` },
      });
      expect(res.status).toBe(202);
    }
    const first = await h.api<{ continuationToken: string | null; tokens: TokenItem[] }>('GET', '/tokens?pageSize=10', {
      token: admin.accessToken,
    });
    expect(first.body.tokens).toHaveLength(10);
    expect(first.body.continuationToken).toBeTruthy();
    const second = await h.api<{ continuationToken: string | null; tokens: TokenItem[] }>(
      'GET',
      '/tokens?pageSize=10',
      {
        token: admin.accessToken,
        headers: { 'x-continuation-token': first.body.continuationToken! },
      },
    );
    // 12 generated + the /sim/contexts token the admin logged in with.
    expect(first.body.tokens.length + second.body.tokens.length).toBe(13);
    expect(second.body.continuationToken ?? null).toBeNull();
    const filtered = await h.api<{ tokens: TokenItem[] }>(
      'GET',
      '/tokens?description=nieparz&status=Pending&status=Active',
      {
        token: admin.accessToken,
      },
    );
    expect(filtered.body.tokens).toHaveLength(6);
    const bad = await h.api<Exception>('GET', '/tokens', {
      token: admin.accessToken,
      headers: { 'x-continuation-token': 'zzz' },
    });
    expect(bad.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21418);

    // A token login without CredentialsManage/Read sees only the token it used.
    const plain = await loginWithKsefToken(h, nip);
    const own = await h.api<{ tokens: TokenItem[] }>('GET', '/tokens', { token: plain.accessToken });
    expect(own.body.tokens).toHaveLength(1);
    const other = first.body.tokens[0]!.referenceNumber;
    const hidden = await h.api('GET', `/tokens/${other}`, { token: plain.accessToken });
    expect(hidden.status).toBe(400);
    const notRevoked = await h.api('DELETE', `/tokens/${other}`, { token: plain.accessToken });
    expect(notRevoked.status).toBe(400);
    // Another context never sees them.
    const stranger = await loginWithKsefToken(h, randomNip(), ADMIN);
    const foreign = await h.api('GET', `/tokens/${other}`, { token: stranger.accessToken });
    expect(foreign.status).toBe(400);
  });
});
