import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';

type Limits = { perSecond: number; perMinute: number; perHour: number };
const GROUPS = [
  'onlineSession',
  'batchSession',
  'invoiceSend',
  'invoiceStatus',
  'sessionList',
  'sessionInvoiceList',
  'sessionMisc',
  'invoiceMetadata',
  'invoiceExport',
  'invoiceExportStatus',
  'invoiceDownload',
  'other',
] as const;

let h: SimHarness;
beforeAll(async () => {
  h = await SimHarness.start();
});
afterAll(async () => h.close());

describe('/limits and /testdata/limits', () => {
  it('reports default context limits and applies and removes an override', async () => {
    const tokens = await loginWithKsefToken(h, randomNip());
    const token = tokens.accessToken;
    const initial = await h.api<{ onlineSession: { maxInvoices: number; maxInvoiceSizeInMB: number } }>(
      'GET',
      '/limits/context',
      {
        token,
      },
    );
    expect(initial.body.onlineSession).toEqual({
      maxInvoiceSizeInMB: 1,
      maxInvoiceWithAttachmentSizeInMB: 3,
      maxInvoices: 10_000,
    });
    const override = {
      onlineSession: { maxInvoiceSizeInMB: 2, maxInvoiceWithAttachmentSizeInMB: 4, maxInvoices: 5 },
      batchSession: { maxInvoiceSizeInMB: 3, maxInvoiceWithAttachmentSizeInMB: 6, maxInvoices: 7 },
    };
    expect((await h.api('POST', '/testdata/limits/context/session', { token, body: override })).status).toBe(200);
    expect((await h.api('GET', '/limits/context', { token })).body).toEqual(override);
    const outOfRange = await h.api('POST', '/testdata/limits/context/session', {
      token,
      body: { ...override, onlineSession: { ...override.onlineSession, maxInvoiceSizeInMB: 6 } },
    });
    expect(outOfRange.status).toBe(400);
    expect((await h.api('DELETE', '/testdata/limits/context/session', { token })).status).toBe(200);
    expect((await h.api('GET', '/limits/context', { token })).body).toEqual(initial.body);
  });

  it('reports subject certificate limits with overrides', async () => {
    const token = (await loginWithKsefToken(h, randomNip())).accessToken;
    const initial = await h.api('GET', '/limits/subject', { token });
    expect(initial.body).toEqual({ enrollment: { maxEnrollments: 300 }, certificate: { maxCertificates: 100 } });
    await h.api('POST', '/testdata/limits/subject/certificate', {
      token,
      body: { subjectIdentifierType: 'Nip', enrollment: { maxEnrollments: 2 }, certificate: { maxCertificates: 1 } },
    });
    expect((await h.api('GET', '/limits/subject', { token })).body).toEqual({
      enrollment: { maxEnrollments: 2 },
      certificate: { maxCertificates: 1 },
    });
    await h.api('DELETE', '/testdata/limits/subject/certificate', { token });
    expect((await h.api('GET', '/limits/subject', { token })).body).toEqual(initial.body);
  });
});

describe('/rate-limits and /testdata/rate-limits', () => {
  it('sets per-context limits that are enforced with 429 + Retry-After, then restores defaults and production', async () => {
    const token = (await loginWithKsefToken(h, randomNip())).accessToken;
    const defaults = await h.api<Record<string, Limits>>('GET', '/rate-limits', { token });
    expect(defaults.body.invoiceMetadata).toEqual({ perSecond: 8, perMinute: 16, perHour: 20 });
    const tight = Object.fromEntries(GROUPS.map((g) => [g, { perSecond: 100, perMinute: 1000, perHour: 10000 }]));
    tight.invoiceMetadata = { perSecond: 1, perMinute: 1, perHour: 1 };
    expect((await h.api('POST', '/testdata/rate-limits', { token, body: { rateLimits: tight } })).status).toBe(200);
    expect((await h.api<Record<string, Limits>>('GET', '/rate-limits', { token })).body.invoiceMetadata).toEqual(
      tight.invoiceMetadata,
    );

    const body = {
      subjectType: 'Subject1',
      dateRange: { dateType: 'Invoicing', from: new Date(Date.now() - 60_000).toISOString() },
    };
    expect((await h.api('POST', '/invoices/query/metadata', { token, body })).status).toBe(200);
    const throttled = await h.api('POST', '/invoices/query/metadata', { token, body });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toMatch(/^\d+$/);

    expect((await h.api('DELETE', '/testdata/rate-limits', { token })).status).toBe(200);
    expect((await h.api('GET', '/rate-limits', { token })).body).toEqual(defaults.body);
    expect((await h.api('POST', '/testdata/rate-limits/production', { token })).status).toBe(200);
    expect((await h.api<Record<string, Limits>>('GET', '/rate-limits', { token })).body.other).toEqual({
      perSecond: 10,
      perMinute: 30,
      perHour: 120,
    });
    const incomplete = await h.api('POST', '/testdata/rate-limits', {
      token,
      body: { rateLimits: { other: tight.other } },
    });
    expect(incomplete.status).toBe(400);
  });
});
