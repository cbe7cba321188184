import { createDecipheriv, createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRetrievalSettings } from '../domain/retrieval-settings';
import { loginWithKsefToken, publicCertificate } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import { invoiceXml, storeTestInvoice } from '../testing/stored-invoice-fixtures';
import { randomAesKey, randomNip, rsaOaepEncrypt } from '../testing/test-crypto';

// Export packages built from stored invoices; the export API's own rules are in invoice-exports.routes.spec.ts.
let h: SimHarness;

beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false }, permanentStorageLagMs: 0 });
});
afterAll(async () => h.close());

describe('invoice exports', () => {
  it('builds an encrypted package whose parts decrypt to a ZIP matching the stored invoices and _metadata.json', async () => {
    setRetrievalSettings(h.sim.ctx.store, { exportPartSizeBytes: 2_000 });
    try {
      const seller = randomNip();
      const xmls = Array.from({ length: 8 }, (_, i) =>
        invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: `E${i}` }),
      );
      const records = xmls.map((xml) => storeTestInvoice(h.sim, xml));
      const tokens = await loginWithKsefToken(h, seller);
      const cert = await publicCertificate(h, 'SymmetricKeyEncryption');
      const { key, iv } = randomAesKey();
      const started = await h.api<{ referenceNumber: string }>('POST', '/invoices/exports', {
        token: tokens.accessToken,
        body: {
          encryption: {
            encryptedSymmetricKey: rsaOaepEncrypt(cert.certificate, key),
            initializationVector: iv.toString('base64'),
            publicKeyId: cert.publicKeyId,
          },
          filters: {
            subjectType: 'Subject1',
            dateRange: { dateType: 'PermanentStorage', from: new Date(h.sim.ctx.clock.now() - 3600_000).toISOString() },
          },
        },
      });
      expect(started.status).toBe(201);
      type Status = {
        status: { code: number };
        package?: {
          invoiceCount: number;
          size: number;
          parts: { url: string; ordinalNumber: number; partHash: string; encryptedPartHash: string }[];
        };
      };
      let status: Status | undefined;
      for (let i = 0; i < 100; i++) {
        const res = await h.api<Status>('GET', `/invoices/exports/${started.body.referenceNumber}`, {
          token: tokens.accessToken,
        });
        status = res.body;
        if (status.status.code !== 100) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(status?.status.code).toBe(200);
      const pkg = status!.package!;
      expect(pkg.invoiceCount).toBe(8);
      expect(pkg.parts.length).toBeGreaterThan(1);
      const plainParts: Buffer[] = [];
      for (const part of [...pkg.parts].sort((x, y) => x.ordinalNumber - y.ordinalNumber)) {
        const downloaded = await h.root('GET', part.url);
        expect(downloaded.status).toBe(200);
        expect(createHash('sha256').update(downloaded.raw).digest('base64')).toBe(part.encryptedPartHash);
        const decipher = createDecipheriv('aes-256-cbc', key, iv);
        const plain = Buffer.concat([decipher.update(downloaded.raw), decipher.final()]);
        expect(createHash('sha256').update(plain).digest('base64')).toBe(part.partHash);
        plainParts.push(plain);
      }
      const archive = Buffer.concat(plainParts);
      expect(archive.length).toBe(pkg.size);
      const files = unzipSync(new Uint8Array(archive));
      for (const record of records) {
        expect(Buffer.from(files[`${record.ksefNumber}.xml`]!).equals(record.xml)).toBe(true);
      }
      const metadata = JSON.parse(Buffer.from(files['_metadata.json']!).toString('utf8')) as {
        invoices: { ksefNumber: string }[];
      };
      expect(metadata.invoices.map((i) => i.ksefNumber).sort()).toEqual(records.map((r) => r.ksefNumber).sort());

      // Unsigned or tampered URL: refused.
      const tampered = await h.root('GET', pkg.parts[0]!.url.replace(/sig=[^&]+/, 'sig=AAAA'));
      expect(tampered.status).toBe(403);
    } finally {
      setRetrievalSettings(h.sim.ctx.store, { exportPartSizeBytes: 50_000_000 });
    }
  });

  it('supports TarGz and reports 415 for a key the simulator cannot decrypt', async () => {
    const seller = randomNip();
    storeTestInvoice(h.sim, invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: 'T1' }));
    const tokens = await loginWithKsefToken(h, seller);
    const { key, iv } = randomAesKey();
    const cert = await publicCertificate(h, 'SymmetricKeyEncryption');
    const filters = {
      subjectType: 'Subject1',
      dateRange: { dateType: 'Invoicing', from: new Date(h.sim.ctx.clock.now() - 3600_000).toISOString() },
    };
    const run = async (encryptedSymmetricKey: string) => {
      const started = await h.api<{ referenceNumber: string }>('POST', '/invoices/exports', {
        token: tokens.accessToken,
        body: {
          encryption: { encryptedSymmetricKey, initializationVector: iv.toString('base64') },
          filters,
          compressionType: 'TarGz',
        },
      });
      for (;;) {
        const res = await h.api<{ status: { code: number }; package?: { parts: { url: string }[] } }>(
          'GET',
          `/invoices/exports/${started.body.referenceNumber}`,
          { token: tokens.accessToken },
        );
        if (res.body.status.code !== 100) return res.body;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const ok = await run(rsaOaepEncrypt(cert.certificate, key));
    expect(ok.status.code).toBe(200);
    const part = await h.root('GET', ok.package!.parts[0]!.url);
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    const tar = gunzipSync(Buffer.concat([decipher.update(part.raw), decipher.final()]));
    expect(tar.toString('latin1')).toContain('_metadata.json');
    const bad = await run(Buffer.alloc(256, 1).toString('base64'));
    expect(bad.status.code).toBe(415);
  });
});
