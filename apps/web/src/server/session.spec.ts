import { encode, type JWT } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { readSession, type SessionData } from './session';
import { webConfig } from './web-config';

const data: SessionData = {
  user: { id: 'u1', email: 'admin@demo.pl', displayName: 'Anna Kowalska' },
  memberships: [{ tenantId: 't1', tenantName: 'Demo Sp. z o.o.', nip: '5260250274', role: 'owner' }],
  accessToken: 'api-token',
  accessTokenExpiresAt: new Date(Date.now() + 3600_000).toISOString(),
  isPlatformOperator: false,
};

const NAME = 'next-auth.session-token';

async function sessionCookie(payload: JWT, secret = webConfig().NEXTAUTH_SECRET): Promise<string> {
  return encode({ token: payload, secret });
}

describe('readSession', () => {
  it('reads the session next-auth wrote', async () => {
    const value = await sessionCookie(data);
    expect(
      await readSession([
        { name: 'other', value: 'x' },
        { name: NAME, value },
      ]),
    ).toEqual(data);
  });

  it('reassembles a chunked cookie in index order', async () => {
    const value = await sessionCookie(data);
    const half = Math.floor(value.length / 2);
    const cookies = [
      { name: `${NAME}.1`, value: value.slice(half) },
      { name: `${NAME}.0`, value: value.slice(0, half) },
    ];
    expect(await readSession(cookies)).toEqual(data);
  });

  it('reads a cookie written before the operator flag existed as "not an operator"', async () => {
    const { isPlatformOperator: _omitted, ...older } = data;
    const operator = await sessionCookie({ ...data, isPlatformOperator: true });
    expect(await readSession([{ name: NAME, value: await sessionCookie(older) }])).toEqual(data);
    expect((await readSession([{ name: NAME, value: operator }]))?.isPlatformOperator).toBe(true);
  });

  it('treats missing, foreign, tampered or incomplete cookies as logged out', async () => {
    const value = await sessionCookie(data);
    expect(await readSession([])).toBeNull();
    expect(await readSession([{ name: NAME, value: await sessionCookie(data, 'x'.repeat(40)) }])).toBeNull();
    expect(await readSession([{ name: NAME, value: value.slice(0, -4) + 'AAAA' }])).toBeNull();
    expect(await readSession([{ name: NAME, value: await sessionCookie({ user: data.user }) }])).toBeNull();
  });

  it('ends the session when the API token has expired', async () => {
    const expired = { ...data, accessTokenExpiresAt: new Date(Date.now() - 1000).toISOString() };
    expect(await readSession([{ name: NAME, value: await sessionCookie(expired) }])).toBeNull();
  });
});
