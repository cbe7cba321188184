import { createDecipheriv } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRetrievalSettings } from '../domain/retrieval-settings';
import { loginWithKsefToken, publicCertificate } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import { invoiceXml, storeTestInvoice } from '../testing/stored-invoice-fixtures';
import { randomAesKey, randomNip, rsaOaepEncrypt } from '../testing/test-crypto';

interface ExportStatus {
  status: { code: number };
  package?: {
    isTruncated: boolean;
    lastPermanentStorageDate?: string | null;
    permanentStorageHwmDate?: string | null;
    parts: { url: string; ordinalNumber: number }[];
  } | null;
}
type Exception = { exception: { exceptionDetailList: { exceptionCode: number }[] } };

const SECOND = 1000;
let h: SimHarness;
beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false }, permanentStorageLagMs: 0 });
});
afterAll(async () => h.close());

async function encryption() {
  const cert = await publicCertificate(h, 'SymmetricKeyEncryption');
  const { key, iv } = randomAesKey();
  return {
    key,
    iv,
    body: { encryptedSymmetricKey: rsaOaepEncrypt(cert.certificate, key), initializationVector: iv.toString('base64') },
  };
}

async function waitForExport(token: string, referenceNumber: string): Promise<ExportStatus> {
  for (let i = 0; i < 200; i++) {
    const res = await h.api<ExportStatus>('GET', `/invoices/exports/${referenceNumber}`, { token });
    expect(res.status).toBe(200);
    if (res.body.status.code !== 100) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('export still running');
}

describe('invoice exports: incremental synchronisation', () => {
  it('truncated packages + HWM windows deliver every invoice, deduplicated by KSeF number via _metadata.json', async () => {
    setRetrievalSettings(h.sim.ctx.store, { exportMaxInvoices: 5 });
    try {
      const seller = randomNip();
      const token = (await loginWithKsefToken(h, seller)).accessToken;
      const now = h.sim.ctx.clock.now();
      const expected = new Set<string>();
      for (let i = 0; i < 13; i++) {
        const acquisitionDate = now - 600 * SECOND + Math.floor(i / 2) * SECOND;
        const xml = invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: `X${i}` });
        expected.add(
          storeTestInvoice(h.sim, xml, { acquisitionDate, permanentStorageDate: acquisitionDate + 1 }).ksefNumber,
        );
      }
      const seen = new Set<string>();
      let truncatedPackages = 0;
      let from = new Date(now - 3600 * SECOND).toISOString();
      for (let round = 0; round < 20; round++) {
        const enc = await encryption();
        const started = await h.api<{ referenceNumber: string }>('POST', '/invoices/exports', {
          token,
          body: {
            encryption: enc.body,
            filters: {
              subjectType: 'Subject1',
              dateRange: { dateType: 'PermanentStorage', from, restrictToPermanentStorageHwmDate: true },
            },
            onlyMetadata: true,
          },
        });
        expect(started.status).toBe(201);
        const status = await waitForExport(token, started.body.referenceNumber);
        expect(status.status.code).toBe(200);
        const pkg = status.package!;
        const encrypted = Buffer.concat(
          await Promise.all(
            [...pkg.parts]
              .sort((a, b) => a.ordinalNumber - b.ordinalNumber)
              .map(async (p) => (await h.root('GET', p.url)).raw),
          ),
        );
        const decipher = createDecipheriv('aes-256-cbc', enc.key, enc.iv);
        const files = unzipSync(new Uint8Array(Buffer.concat([decipher.update(encrypted), decipher.final()])));
        expect(Object.keys(files)).toEqual(['_metadata.json']);
        const metadata = JSON.parse(Buffer.from(files['_metadata.json']!).toString('utf8')) as {
          invoices: { ksefNumber: string }[];
        };
        for (const invoice of metadata.invoices) seen.add(invoice.ksefNumber);
        if (pkg.isTruncated) {
          expect(metadata.invoices).toHaveLength(5);
          truncatedPackages++;
          from = pkg.lastPermanentStorageDate!;
        } else {
          expect(pkg.permanentStorageHwmDate).toBeTruthy();
          break;
        }
      }
      expect(seen).toEqual(expected);
      expect(truncatedPackages).toBeGreaterThanOrEqual(2);
    } finally {
      setRetrievalSettings(h.sim.ctx.store, { exportMaxInvoices: 10_000 });
    }
  });
});

describe('invoice exports: limits and lifecycle', () => {
  it('truncates a package at the size cap and reports the last date', async () => {
    const seller = randomNip();
    const now = h.sim.ctx.clock.now();
    const records = [0, 1, 2].map((i) =>
      storeTestInvoice(h.sim, invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: `S${i}` }), {
        acquisitionDate: now - (10 - i) * SECOND,
        permanentStorageDate: now - (10 - i) * SECOND + 1,
      }),
    );
    setRetrievalSettings(h.sim.ctx.store, { exportMaxBytes: records[0]!.xml.length * 2 + 10 });
    try {
      const token = (await loginWithKsefToken(h, seller)).accessToken;
      const started = await h.api<{ referenceNumber: string }>('POST', '/invoices/exports', {
        token,
        body: {
          encryption: (await encryption()).body,
          filters: {
            subjectType: 'Subject1',
            dateRange: { dateType: 'PermanentStorage', from: new Date(now - 60_000).toISOString() },
          },
        },
      });
      const status = await waitForExport(token, started.body.referenceNumber);
      expect(status.package!.isTruncated).toBe(true);
      expect(Date.parse(status.package!.lastPermanentStorageDate!)).toBe(records[1]!.permanentStorageDate);
    } finally {
      setRetrievalSettings(h.sim.ctx.store, { exportMaxBytes: 1_000_000_000 });
    }
  });

  it('allows at most 10 exports in progress per context (21182)', async () => {
    const token = (await loginWithKsefToken(h, randomNip())).accessToken;
    const filters = {
      subjectType: 'Subject1',
      dateRange: { dateType: 'Invoicing', from: new Date(h.sim.ctx.clock.now() - 60_000).toISOString() },
    };
    const other = await loginWithKsefToken(h, randomNip());
    // Exports stay in progress (status 100) while processing is slow.
    await h.root('POST', '/sim/faults', { body: { processingDelayMs: 60_000 } });
    try {
      for (let i = 0; i < 10; i++) {
        const res = await h.api('POST', '/invoices/exports', {
          token,
          body: { encryption: (await encryption()).body, filters },
        });
        expect(res.status).toBe(201);
      }
      const eleventh = await h.api<Exception>('POST', '/invoices/exports', {
        token,
        body: { encryption: (await encryption()).body, filters },
      });
      expect(eleventh.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21182);
      const elsewhere = await h.api('POST', '/invoices/exports', {
        token: other.accessToken,
        body: { encryption: (await encryption()).body, filters },
      });
      expect(elsewhere.status).toBe(201);
    } finally {
      await h.root('DELETE', '/sim/faults');
    }
  });

  it('reports 210 once the package expired, 410 after 7 days, 21175 for an unknown or foreign export', async () => {
    const seller = randomNip();
    storeTestInvoice(h.sim, invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: 'L1' }));
    const token = (await loginWithKsefToken(h, seller, ['InvoiceRead'])).accessToken;
    const started = await h.api<{ referenceNumber: string }>('POST', '/invoices/exports', {
      token,
      body: {
        encryption: (await encryption()).body,
        filters: {
          subjectType: 'Subject1',
          dateRange: { dateType: 'Invoicing', from: new Date(h.sim.ctx.clock.now() - 60_000).toISOString() },
        },
      },
    });
    const done = await waitForExport(token, started.body.referenceNumber);
    expect(done.status.code).toBe(200);
    const stranger = (await loginWithKsefToken(h, randomNip())).accessToken;
    const foreign = await h.api<Exception>('GET', `/invoices/exports/${started.body.referenceNumber}`, {
      token: stranger,
    });
    expect(foreign.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21175);

    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 4 * 24 * 3600 } });
    try {
      const fresh = (await loginWithKsefToken(h, seller, ['InvoiceRead'])).accessToken;
      const expired = await h.api<ExportStatus>('GET', `/invoices/exports/${started.body.referenceNumber}`, {
        token: fresh,
      });
      expect(expired.body.status.code).toBe(210);
      expect(expired.body.package ?? null).toBeNull();
      await h.root('POST', '/sim/clock', { body: { advanceSeconds: 4 * 24 * 3600 } });
      const later = (await loginWithKsefToken(h, seller, ['InvoiceRead'])).accessToken;
      const gone = await h.api('GET', `/invoices/exports/${started.body.referenceNumber}`, { token: later });
      expect(gone.status).toBe(410);
    } finally {
      await h.root('POST', '/sim/clock', { body: { advanceSeconds: -8 * 24 * 3600 } });
    }
  });
});
