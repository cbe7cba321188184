import { expect } from 'vitest';
import type { SimHarness } from './sim-harness';
import { rsaOaepEncrypt } from './test-crypto';

export interface PublicKeyCertificateBody {
  certificate: string;
  publicKeyId: string;
  usage: string[];
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  referenceNumber: string;
  authenticationToken: string;
}

export async function publicCertificate(h: SimHarness, usage: 'KsefTokenEncryption' | 'SymmetricKeyEncryption') {
  const res = await h.api<PublicKeyCertificateBody[]>('GET', '/security/public-key-certificates');
  expect(res.status).toBe(200);
  const cert = res.body.find((c) => c.usage.includes(usage));
  if (!cert) throw new Error(`no ${usage} certificate`);
  return cert;
}

export async function challenge(h: SimHarness): Promise<{ challenge: string; timestampMs: number }> {
  const res = await h.api<{ challenge: string; timestampMs: number }>('POST', '/auth/challenge');
  expect(res.status).toBe(200);
  return res.body;
}

/** Polls GET /auth/{ref} until the status leaves 100; returns the final status code. */
export async function waitForAuth(
  h: SimHarness,
  referenceNumber: string,
  authenticationToken: string,
): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const res = await h.api<{ status: { code: number } }>('GET', `/auth/${referenceNumber}`, {
      token: authenticationToken,
    });
    expect(res.status).toBe(200);
    if (res.body.status.code !== 100) return res.body.status.code;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('authentication still in progress');
}

export async function initTokenAuth(h: SimHarness, nip: string, ksefToken: string, timestampOverride?: number) {
  const cert = await publicCertificate(h, 'KsefTokenEncryption');
  const ch = await challenge(h);
  const encryptedToken = rsaOaepEncrypt(
    cert.certificate,
    Buffer.from(`${ksefToken}|${timestampOverride ?? ch.timestampMs}`),
  );
  return h.api<{ referenceNumber: string; authenticationToken: { token: string } }>('POST', '/auth/ksef-token', {
    body: {
      challenge: ch.challenge,
      contextIdentifier: { type: 'Nip', value: nip },
      encryptedToken,
      publicKeyId: cert.publicKeyId,
    },
  });
}

export async function redeemTokens(
  h: SimHarness,
  referenceNumber: string,
  authenticationToken: string,
): Promise<Tokens> {
  const code = await waitForAuth(h, referenceNumber, authenticationToken);
  expect(code).toBe(200);
  const redeemed = await h.api<{ accessToken: { token: string }; refreshToken: { token: string } }>(
    'POST',
    '/auth/token/redeem',
    {
      token: authenticationToken,
    },
  );
  expect(redeemed.status).toBe(200);
  return {
    accessToken: redeemed.body.accessToken.token,
    refreshToken: redeemed.body.refreshToken.token,
    referenceNumber,
    authenticationToken,
  };
}

/** `/sim/contexts` + the whole token flow: the usual way a test gets an access token for a NIP. */
export async function loginWithKsefToken(h: SimHarness, nip: string, permissions?: string[]): Promise<Tokens> {
  const created = await h.root<{ ksefToken: string }>('POST', '/sim/contexts', {
    body: { nip, ...(permissions ? { permissions } : {}) },
  });
  expect(created.status).toBe(200);
  const init = await initTokenAuth(h, nip, created.body.ksefToken);
  expect(init.status).toBe(202);
  return redeemTokens(h, init.body.referenceNumber, init.body.authenticationToken.token);
}
