import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsefAuthError } from '../http/ksef-errors';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { ownerSession } from '../testing/test-invoices';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
});
afterAll(async () => {
  await sim?.close();
});

describe('KSeF certificate lifecycle against the simulator', () => {
  it.each(['ec', 'rsa'] as const)(
    'enrolls (%s CSR), logs in with the issued certificate, lists and revokes it',
    async (alg) => {
      const nip = randomNip();
      const ksef = sim.client();
      const owner = await ownerSession(ksef, nip);
      const certs = ksef.certificates(owner);
      const limits = await certs.limits();
      expect(limits.canRequest).toBe(true);

      const issued = await certs.enrollAndRetrieve(`Certyfikat-${alg}`, 'Authentication', alg);
      const x509 = new X509Certificate(Buffer.from(issued.certificate.certificate, 'base64'));
      expect(x509.publicKey.asymmetricKeyType).toBe(alg);
      expect(issued.certificate.certificateType).toBe('Authentication');

      // The KSeF-issued certificate works for XAdES login.
      const viaCert = ksef.login({
        kind: 'certificate',
        context: { type: 'Nip', value: nip },
        certificate: x509.toString(),
        privateKey: issued.privateKeyPem,
      });
      await expect(viaCert.accessToken()).resolves.toMatch(/\S+/);

      const listed = await certs.query({ status: 'Active' });
      expect(listed.map((c) => c.certificateSerialNumber)).toContain(issued.certificate.certificateSerialNumber);

      await certs.revoke(issued.certificate.certificateSerialNumber, 'Superseded');
      // Blocked is the transitional state while the revocation completes.
      let status: string | undefined;
      for (let i = 0; i < 50; i++) {
        status = (await certs.query({ certificateSerialNumber: issued.certificate.certificateSerialNumber }))[0]
          ?.status;
        if (status === 'Revoked') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(['Blocked', 'Revoked']).toContain(status);

      // Logging in with it afterwards is the next test.
    },
  );

  // SPEC-NOTES §4.4: a revoked KSeF certificate ends authentication with 460.
  it('refuses login with a revoked KSeF certificate as a typed auth error', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const owner = await ownerSession(ksef, nip);
    const issued = await ksef
      .certificates(owner)
      .enrollAndRetrieve('Certyfikat-do-uniewaznienia', 'Authentication', 'ec');
    await ksef.certificates(owner).revoke(issued.certificate.certificateSerialNumber);
    const pem = new X509Certificate(Buffer.from(issued.certificate.certificate, 'base64')).toString();
    const revoked = ksef.login({
      kind: 'certificate',
      context: { type: 'Nip', value: nip },
      certificate: pem,
      privateKey: issued.privateKeyPem,
    });
    await expect(revoked.accessToken()).rejects.toBeInstanceOf(KsefAuthError);
  });

  it('reads context, subject and API limits and feeds the rate limits to the limiter policy', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const owner = await ownerSession(ksef, nip);
    const limits = ksef.limits(owner);
    expect((await limits.context()).onlineSession.maxInvoices).toBeGreaterThan(0);
    expect(await limits.subject()).toBeTypeOf('object');
    const rl = await limits.rateLimits();
    expect(rl.invoiceSend.perSecond).toBeGreaterThan(0);
    expect(
      ksef.http.policy.limitsFor(owner.contextKey, { kind: 'group', group: 'invoiceSend', bucket: 'invoiceSend' }),
    ).toEqual(rl.invoiceSend);
  });
});
