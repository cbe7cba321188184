import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimHarness } from '../testing/sim-harness';

describe('GET /security/public-key-certificates', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start();
  });
  afterAll(() => h.close());

  it('publishes one certificate per usage with correct certificateId and publicKeyId', async () => {
    const res = await h.api<{ certificate: string; certificateId: string; publicKeyId: string; usage: string[] }[]>(
      'GET',
      '/security/public-key-certificates',
    );
    expect(res.status).toBe(200);
    expect(res.body.map((c) => c.usage[0]).sort()).toEqual(['KsefTokenEncryption', 'SymmetricKeyEncryption']);
    for (const entry of res.body) {
      const der = Buffer.from(entry.certificate, 'base64');
      expect(entry.certificateId).toBe(createHash('sha256').update(der).digest('base64'));
      const spki = new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
      expect(entry.publicKeyId).toBe(createHash('sha256').update(spki).digest('base64'));
    }
    expect(res.body[0]!.publicKeyId).not.toBe(res.body[1]!.publicKeyId);
  });

  it('answers unknown paths with 404 problem details', async () => {
    const res = await h.root('GET', '/v2/nope');
    expect(res.status).toBe(404);
  });
});
