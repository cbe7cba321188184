import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { challenge, initTokenAuth, loginWithKsefToken, redeemTokens, waitForAuth } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import {
  randomNip,
  rsaOaepEncrypt,
  selfSignedCertificate,
  signXadesEnveloped,
  type TestCertificate,
} from '../testing/test-crypto';

type ExceptionBody = { exception: { exceptionDetailList: { exceptionCode: number }[] } };
type ProblemBody = { status: number; errors?: { code: number }[]; reasonCode?: string };

const AUTH_NS_20 = 'http://ksef.mf.gov.pl/auth/token/2.0';
const AUTH_NS_21 = 'http://ksef.mf.gov.pl/auth/token/2.1';

function authRequest(ch: string, nip: string, subjectType = 'certificateSubject'): string {
  return `<Challenge>${ch}</Challenge><ContextIdentifier><Nip>${nip}</Nip></ContextIdentifier><SubjectIdentifierType>${subjectType}</SubjectIdentifierType>`;
}

function exceptionCode(body: unknown): number | undefined {
  return (body as ExceptionBody).exception.exceptionDetailList[0]?.exceptionCode;
}

describe('authentication', () => {
  let h: SimHarness;
  beforeAll(async () => {
    // Many public calls in a burst: the per-IP limit (60/s) is tested in sim-control.routes.spec.ts.
    h = await SimHarness.start({
      rateLimits: { enabled: false },
      tokenLifetimes: { accessTokenSeconds: 60, refreshTokenSeconds: 600 },
    });
  });
  afterAll(() => h.close());

  describe('KSeF token', () => {
    it('authenticates with token|timestampMs encrypted with RSA-OAEP SHA-256 and redeems tokens once', async () => {
      const nip = randomNip();
      const tokens = await loginWithKsefToken(h, nip);
      const sessions = await h.api<{ items: { referenceNumber: string; isCurrent: boolean }[] }>(
        'GET',
        '/auth/sessions',
        {
          token: tokens.accessToken,
        },
      );
      expect(sessions.status).toBe(200);
      expect(sessions.body.items.find((i) => i.isCurrent)?.referenceNumber).toBe(tokens.referenceNumber);

      const again = await h.api('POST', '/auth/token/redeem', { token: tokens.authenticationToken });
      expect(again.status).toBe(400);
      expect(exceptionCode(again.body)).toBe(21301);
    });

    it('ends with status 450 when the timestamp inside the token does not match the challenge', async () => {
      const nip = randomNip();
      const created = await h.root<{ ksefToken: string }>('POST', '/sim/contexts', { body: { nip } });
      const init = await initTokenAuth(h, nip, created.body.ksefToken, 12345);
      expect(init.status).toBe(202);
      expect(await waitForAuth(h, init.body.referenceNumber, init.body.authenticationToken.token)).toBe(450);
    });

    it('refuses a reused challenge with 21111, in problem-details format when asked', async () => {
      const ch = await challenge(h);
      const body = {
        challenge: ch.challenge,
        contextIdentifier: { type: 'Nip', value: randomNip() },
        encryptedToken: 'AAAA',
      };
      expect((await h.api('POST', '/auth/ksef-token', { body })).status).toBe(202);
      const reused = await h.api<ProblemBody>('POST', '/auth/ksef-token', {
        body,
        headers: { 'x-error-format': 'problem-details' },
      });
      expect(reused.status).toBe(400);
      expect(reused.headers.get('content-type')).toContain('application/problem+json');
      expect(reused.body.errors?.[0]?.code).toBe(21111);
    });

    it('rejects an invalid body with 21405 naming the field', async () => {
      const res = await h.api('POST', '/auth/ksef-token', { body: { challenge: 'x' } });
      expect(res.status).toBe(400);
      expect(exceptionCode(res.body)).toBe(21405);
    });
    it('binds the access token to the AuthorizationPolicy IP list (403 ip-not-allowed elsewhere)', async () => {
      const nip = randomNip();
      const created = await h.root<{ ksefToken: string }>('POST', '/sim/contexts', { body: { nip } });
      const certs = await h.api<{ certificate: string; usage: string[] }[]>('GET', '/security/public-key-certificates');
      const cert = certs.body.find((c) => c.usage.includes('KsefTokenEncryption'))!;
      const ch = await challenge(h);
      const init = await h.api<{ referenceNumber: string; authenticationToken: { token: string } }>(
        'POST',
        '/auth/ksef-token',
        {
          body: {
            challenge: ch.challenge,
            contextIdentifier: { type: 'Nip', value: nip },
            encryptedToken: rsaOaepEncrypt(
              cert.certificate,
              Buffer.from(`${created.body.ksefToken}|${ch.timestampMs}`),
            ),
            authorizationPolicy: {
              allowedIps: { ip4Addresses: ['10.1.2.3'], ip4Ranges: [], ip4Masks: ['192.168.0.0/16'] },
            },
          },
        },
      );
      const tokens = await redeemTokens(h, init.body.referenceNumber, init.body.authenticationToken.token);
      const refused = await h.api<ProblemBody & { security: { clientIp: string } }>('GET', '/auth/sessions', {
        token: tokens.accessToken,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.reasonCode).toBe('ip-not-allowed');
      expect(refused.body.security.clientIp).toBe('127.0.0.1');
    });

    it('refuses an unknown publicKeyId with 21470', async () => {
      const ch = await challenge(h);
      const res = await h.api('POST', '/auth/ksef-token', {
        body: {
          challenge: ch.challenge,
          contextIdentifier: { type: 'Nip', value: randomNip() },
          encryptedToken: 'AAAA',
          publicKeyId: Buffer.alloc(32, 7).toString('base64'),
        },
      });
      expect(exceptionCode(res.body)).toBe(21470);
    });
  });

  describe('XAdES', () => {
    let rsaPerson: TestCertificate;
    let ecSeal: TestCertificate;
    const nip = randomNip();
    beforeAll(() => {
      rsaPerson = selfSignedCertificate(`/GN=Jan/SN=Nowak/serialNumber=TINPL-${nip}/CN=Jan Nowak/C=PL`, 'rsa');
      ecSeal = selfSignedCertificate(
        `/O=Firma Testowa/organizationIdentifier=VATPL-${nip}/CN=Firma Testowa/C=PL`,
        'ec',
      );
    });

    async function xadesLogin(cert: TestCertificate, ns: string) {
      const ch = await challenge(h);
      const xml = signXadesEnveloped('AuthTokenRequest', ns, authRequest(ch.challenge, nip), cert, new Date());
      const res = await h.api<{ referenceNumber: string; authenticationToken: { token: string } }>(
        'POST',
        '/auth/xades-signature',
        {
          rawBody: xml,
          contentType: 'application/xml',
        },
      );
      expect(res.status).toBe(202);
      return res.body;
    }

    it('accepts a self-signed RSA personal certificate (AuthTokenRequest 2.0) and grants owner rights', async () => {
      const init = await xadesLogin(rsaPerson, AUTH_NS_20);
      const tokens = await redeemTokens(h, init.referenceNumber, init.authenticationToken.token);
      const status = await h.api<{ authenticationMethodInfo: { category: string } }>(
        'GET',
        `/auth/${init.referenceNumber}`,
        {
          token: init.authenticationToken.token,
        },
      );
      expect(status.body.authenticationMethodInfo.category).toBe('XadesSignature');
      expect(tokens.accessToken).toBeTruthy();
    });

    it('accepts a self-signed EC seal certificate (AuthTokenRequest 2.1)', async () => {
      const init = await xadesLogin(ecSeal, AUTH_NS_21);
      expect(await waitForAuth(h, init.referenceNumber, init.authenticationToken.token)).toBe(200);
    });

    it('ends with 460 for a self-signed certificate when verifyCertificateChain=true', async () => {
      const ch = await challenge(h);
      const xml = signXadesEnveloped(
        'AuthTokenRequest',
        AUTH_NS_20,
        authRequest(ch.challenge, nip),
        rsaPerson,
        new Date(),
      );
      const res = await h.api<{ referenceNumber: string; authenticationToken: { token: string } }>(
        'POST',
        '/auth/xades-signature?verifyCertificateChain=true',
        { rawBody: xml, contentType: 'application/xml' },
      );
      expect(await waitForAuth(h, res.body.referenceNumber, res.body.authenticationToken.token)).toBe(460);
    });

    it('ends with 415 when a fingerprint subject has no permissions in the context', async () => {
      const ch = await challenge(h);
      const xml = signXadesEnveloped(
        'AuthTokenRequest',
        AUTH_NS_20,
        authRequest(ch.challenge, nip, 'certificateFingerprint'),
        rsaPerson,
        new Date(),
      );
      const res = await h.api<{ referenceNumber: string; authenticationToken: { token: string } }>(
        'POST',
        '/auth/xades-signature',
        {
          rawBody: xml,
          contentType: 'application/xml',
        },
      );
      expect(await waitForAuth(h, res.body.referenceNumber, res.body.authenticationToken.token)).toBe(415);
    });

    it('rejects a tampered document (9105), an unsigned one (9102) and a schema-invalid one (21401)', async () => {
      const ch = await challenge(h);
      const signed = signXadesEnveloped(
        'AuthTokenRequest',
        AUTH_NS_20,
        authRequest(ch.challenge, nip),
        rsaPerson,
        new Date(),
      );
      const tampered = signed.replace(`<Nip>${nip}</Nip>`, `<Nip>${randomNip()}</Nip>`);
      const post = (xml: string) =>
        h.api('POST', '/auth/xades-signature', { rawBody: xml, contentType: 'application/xml' });
      expect(exceptionCode((await post(tampered)).body)).toBe(9105);
      const unsigned = `<AuthTokenRequest xmlns="${AUTH_NS_20}">${authRequest(ch.challenge, nip)}</AuthTokenRequest>`;
      expect(exceptionCode((await post(unsigned)).body)).toBe(9102);
      const invalid = signXadesEnveloped(
        'AuthTokenRequest',
        AUTH_NS_20,
        `<Challenge>${ch.challenge}</Challenge>`,
        rsaPerson,
        new Date(),
      );
      expect(exceptionCode((await post(invalid)).body)).toBe(21401);
    });
  });

  describe('XAdES with a PESEL (test data)', () => {
    it('logs a person into the NIP linked by /testdata/person, blocks with 480, and reports a deceased person with 470', async () => {
      const nip = randomNip();
      const pesel = `9001${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const cert = selfSignedCertificate(
        `/GN=Anna/SN=Kowalska/serialNumber=PNOPL-${pesel}/CN=Anna Kowalska/C=PL`,
        'ec',
      );
      const login = async () => {
        const ch = await challenge(h);
        const xml = signXadesEnveloped(
          'AuthTokenRequest',
          AUTH_NS_21,
          authRequest(ch.challenge, nip),
          cert,
          new Date(),
        );
        const res = await h.api<{ referenceNumber: string; authenticationToken: { token: string } }>(
          'POST',
          '/auth/xades-signature',
          {
            rawBody: xml,
            contentType: 'application/xml',
          },
        );
        return waitForAuth(h, res.body.referenceNumber, res.body.authenticationToken.token);
      };
      expect(await login()).toBe(415);
      const person = { nip, pesel, isBailiff: false, description: 'Osoba testowa' };
      expect((await h.api('POST', '/testdata/person', { body: person })).status).toBe(200);
      expect(await login()).toBe(200);

      const context = { contextIdentifier: { type: 'Nip', value: nip } };
      expect((await h.api('POST', '/testdata/context/block', { body: context })).status).toBe(200);
      expect(await login()).toBe(480);
      expect((await h.api('POST', '/testdata/context/unblock', { body: context })).status).toBe(200);

      expect((await h.api('POST', '/testdata/person/remove', { body: { nip } })).status).toBe(200);
      const deceased = { ...person, isDeceased: true, createdDate: new Date(Date.now() + 1000).toISOString() };
      expect((await h.api('POST', '/testdata/person', { body: deceased })).status).toBe(200);
      expect(await login()).toBe(470);
    });
  });

  describe('token lifetimes', () => {
    it('answers 401 problem+json for an expired access token, and refresh issues a working one', async () => {
      const tokens = await loginWithKsefToken(h, randomNip());
      await h.root('POST', '/sim/clock', { body: { advanceSeconds: 61 } });
      const expired = await h.api<ProblemBody>('GET', '/auth/sessions', { token: tokens.accessToken });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('content-type')).toContain('application/problem+json');

      const refreshed = await h.api<{ accessToken: { token: string } }>('POST', '/auth/token/refresh', {
        token: tokens.refreshToken,
      });
      expect(refreshed.status).toBe(200);
      const again = await h.api('GET', '/auth/sessions', { token: refreshed.body.accessToken.token });
      expect(again.status).toBe(200);
    });

    it('refuses an access token where a refresh token is required (401)', async () => {
      const tokens = await loginWithKsefToken(h, randomNip());
      expect((await h.api('POST', '/auth/token/refresh', { token: tokens.accessToken })).status).toBe(401);
      expect((await h.api('GET', '/auth/sessions')).status).toBe(401);
    });

    it('revoking the current session stops refresh (21301) and shows status 425', async () => {
      const tokens = await loginWithKsefToken(h, randomNip());
      expect((await h.api('DELETE', '/auth/sessions/current', { token: tokens.accessToken })).status).toBe(204);
      const refreshed = await h.api('POST', '/auth/token/refresh', { token: tokens.refreshToken });
      expect(refreshed.status).toBe(400);
      expect(exceptionCode(refreshed.body)).toBe(21301);
      expect(await waitForAuth(h, tokens.referenceNumber, tokens.authenticationToken)).toBe(425);
      // The access token itself lives until exp.
      expect((await h.api('GET', '/auth/sessions', { token: tokens.accessToken })).status).toBe(200);
    });
  });
});
