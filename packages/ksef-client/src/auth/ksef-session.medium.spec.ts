import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExternalSignatureError } from '../crypto/auth-token-request';
import { createSelfSignedCertificate } from '../crypto/certificate-tools';
import { signXadesEnveloped } from '../crypto/xades-signer';
import { KsefAuthError } from '../http/ksef-errors';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ tokenLifetimes: { accessTokenSeconds: 3 } });
});

afterAll(async () => {
  await sim?.close();
});

function seal(nip: string) {
  return {
    organizationName: `Firma ${nip}`,
    organizationIdentifier: `VATPL-${nip}`,
    commonName: `Firma ${nip}`,
    countryName: 'PL',
  };
}

describe('authentication against the simulator', () => {
  it.each(['rsa', 'ec'] as const)(
    'logs in with XAdES (%s seal certificate) and lists the auth session',
    async (alg) => {
      const nip = randomNip();
      const cert = await createSelfSignedCertificate(seal(nip), alg);
      const ksef = sim.client();
      const session = ksef.login({
        kind: 'certificate',
        context: { type: 'Nip', value: nip },
        certificate: cert.certificatePem,
        privateKey: cert.privateKey,
        schemaVersion: alg === 'ec' ? '2.1' : '2.0',
      });
      const token = await session.accessToken();
      expect(token.length).toBeGreaterThan(20);
      const sessions = await session.listAuthSessions();
      expect(sessions.some((s) => s.referenceNumber === session.authReferenceNumber && s.isCurrent)).toBe(true);
      expect(ksef.http.stats.rateLimited).toBe(0);
    },
  );

  it('logs in with a personal certificate (EC, TINPL serial number)', async () => {
    const nip = randomNip();
    const cert = await createSelfSignedCertificate(
      {
        givenName: 'Jan',
        surname: 'Kowalski',
        serialNumber: `TINPL-${nip}`,
        commonName: 'Jan Kowalski',
        countryName: 'PL',
      },
      'ec',
    );
    const session = sim.client().login({
      kind: 'certificate',
      context: { type: 'Nip', value: nip },
      certificate: cert.certificatePem,
      privateKey: cert.privateKeyPem,
    });
    await expect(session.accessToken()).resolves.toMatch(/\S+/);
  });

  it('completes the external-signing flow and refuses the unsigned original', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const pending = await ksef.startExternalSigning({ context: { type: 'Nip', value: nip } });
    expect(pending.unsignedXml).toContain(pending.challenge);
    await expect(ksef.completeExternalSigning(pending, Buffer.from(pending.unsignedXml))).rejects.toBeInstanceOf(
      ExternalSignatureError,
    );
    // "Elsewhere": a signing service signs the XML we produced.
    const cert = await createSelfSignedCertificate(seal(nip), 'rsa');
    const signed = signXadesEnveloped(pending.unsignedXml, {
      certificate: cert.certificatePem,
      privateKey: cert.privateKey,
    });
    const session = await ksef.completeExternalSigning(pending, Buffer.from(signed, 'utf8'));
    await expect(session.accessToken()).resolves.toMatch(/\S+/);
  });

  it('refreshes the access token before it expires (short lifetime)', async () => {
    const nip = randomNip();
    const cert = await createSelfSignedCertificate(seal(nip), 'ec');
    const session = sim.client().login(
      {
        kind: 'certificate',
        context: { type: 'Nip', value: nip },
        certificate: cert.certificatePem,
        privateKey: cert.privateKey,
      },
      { refreshMarginMs: 2_000 },
    );
    const first = await session.accessToken();
    const reference = session.authReferenceNumber;
    await new Promise((r) => setTimeout(r, 1_200));
    const second = await session.accessToken();
    expect(second).not.toBe(first);
    // Same authentication operation: refreshed, not re-authenticated.
    expect(session.authReferenceNumber).toBe(reference);
    const sessions = await session.listAuthSessions();
    expect(sessions.find((s) => s.referenceNumber === reference)?.lastTokenRefreshDate).toBeTruthy();
  });

  it('renews in the background: callers keep the current token until it is close to expiry', async () => {
    const nip = randomNip();
    const cert = await createSelfSignedCertificate(seal(nip), 'ec');
    const session = sim.client().login(
      {
        kind: 'certificate',
        context: { type: 'Nip', value: nip },
        certificate: cert.certificatePem,
        privateKey: cert.privateKey,
      },
      { refreshMarginMs: 2_950, refreshFloorMs: 300 },
    );
    const first = await session.accessToken();
    await new Promise((r) => setTimeout(r, 100));
    // Inside the margin but above the floor: the same token at once, the renewal running meanwhile.
    expect(await session.accessToken()).toBe(first);
    let renewed = first;
    for (let i = 0; i < 50 && renewed === first; i++) {
      await new Promise((r) => setTimeout(r, 20));
      renewed = await session.accessToken();
    }
    expect(renewed).not.toBe(first);
  });

  it('reports a revoked authentication as a typed auth error when only tokens are held', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const pending = await ksef.startExternalSigning({ context: { type: 'Nip', value: nip } });
    const cert = await createSelfSignedCertificate(seal(nip), 'ec');
    const session = await ksef.completeExternalSigning(
      pending,
      signXadesEnveloped(pending.unsignedXml, { certificate: cert.certificatePem, privateKey: cert.privateKey }),
      { refreshMarginMs: 2_900 },
    );
    await session.logout();
    // The access token is near expiry, so the session tries its refresh token, which the revocation killed.
    await new Promise((r) => setTimeout(r, 200));
    await expect(session.accessToken()).rejects.toBeInstanceOf(KsefAuthError);
  });
});
