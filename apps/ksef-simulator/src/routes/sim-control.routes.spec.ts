import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimClock } from '../core/clock';
import { loginWithKsefToken } from '../testing/auth-flow';
import { openOnline, sampleInvoice, send, waitForInvoice } from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';

describe('rate limits', () => {
  let h: SimHarness;
  beforeAll(async () => {
    // A clock that only moves when told to: rate-limit windows stay deterministic on a busy machine.
    const frozenAt = Date.now();
    h = await SimHarness.start({
      clock: new SimClock(() => frozenAt),
      processingDelayMs: 0,
      rateLimits: {
        enabled: true,
        defaults: { sessionList: { perSecond: 2, perMinute: 100, perHour: 1000 } },
        publicPerSecond: 20,
      },
    });
  });
  afterAll(() => h.close());

  it('answers 429 with an integer Retry-After in both formats, then recovers once that time has passed', async () => {
    const tokens = await loginWithKsefToken(h, randomNip());
    const list = (headers: Record<string, string> = {}) =>
      h.api<{ status?: { code: number; details: string[] }; title?: string }>('GET', '/sessions?sessionType=Online', {
        token: tokens.accessToken,
        headers,
      });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const throttled = await list();
    expect(throttled.status).toBe(429);
    const retryAfter = throttled.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(throttled.body.status?.code).toBe(429);
    const problem = await list({ 'x-error-format': 'problem-details' });
    expect(problem.status).toBe(429);
    expect(problem.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.body.title).toBe('Too Many Requests');

    await h.root('POST', '/sim/clock', { body: { advanceSeconds: Number(problem.headers.get('retry-after')) } });
    expect((await list()).status).toBe(200);

    const stats = await h.root<{ groups: Record<string, { requests: number; throttled: number }> }>(
      'GET',
      '/sim/stats',
    );
    expect(stats.body.groups.sessionList?.throttled).toBe(2);
  });

  it('limits public endpoints per client IP', async () => {
    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 3600 } });
    // The frozen clock puts all 40 requests in the same second: 20 pass, the rest are refused.
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => h.api('POST', '/auth/challenge').then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});

describe('control API', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false } });
  });
  afterAll(() => h.close());

  it('POST /sim/invoices stores an invoice as issued by its seller; the seller sending it again gets 440', async () => {
    const seller = randomNip();
    const xml = sampleInvoice(seller, { number: 'SIM-1' });
    const stored = await h.root<{ ksefNumber: string; sessionReferenceNumber: string }>('POST', '/sim/invoices', {
      rawBody: xml,
      contentType: 'application/xml',
    });
    expect(stored.status).toBe(200);
    expect(stored.body.ksefNumber.startsWith(`${seller}-`)).toBe(true);

    const tokens = await loginWithKsefToken(h, seller);
    const session = await openOnline(h, tokens.accessToken);
    const sent = await send(h, tokens.accessToken, session, sampleInvoice(seller, { number: 'SIM-1' }));
    const result = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(result.status.code).toBe(440);
    expect(result.status.extensions?.originalKsefNumber).toBe(stored.body.ksefNumber);

    const invalid = await h.root('POST', '/sim/invoices', { rawBody: '<Faktura/>', contentType: 'application/xml' });
    expect(invalid.status).toBe(400);
  });

  it('outage windows answer 503 everywhere and drive the Latarnia status; forced 429s; DELETE clears', async () => {
    const now = Date.now();
    await h.root('POST', '/sim/faults', {
      body: {
        outages: [
          { from: new Date(now - 1000).toISOString(), to: new Date(now + 60_000).toISOString(), kind: 'MAINTENANCE' },
        ],
      },
    });
    expect((await h.root('POST', '/v2/auth/challenge')).status).toBe(503);
    expect((await h.root<{ status: string }>('GET', '/sim/latarnia/status')).body.status).toBe('MAINTENANCE');

    await h.root('POST', '/sim/faults', { body: { outages: [], forced429: { rate: 1, retryAfterSeconds: 7 } } });
    const forced = await h.root('POST', '/v2/auth/challenge');
    expect(forced.status).toBe(429);
    expect(forced.headers.get('retry-after')).toBe('7');

    await h.root('DELETE', '/sim/faults');
    expect((await h.api('POST', '/auth/challenge')).status).toBe(200);
    expect((await h.root<{ status: string }>('GET', '/sim/latarnia/status')).body.status).toBe('AVAILABLE');
  });

  it('injects 5xx and dropped connections at the configured share', async () => {
    await h.root('POST', '/sim/faults', { body: { errorRate: 1 } });
    expect((await h.root('POST', '/v2/auth/challenge')).status).toBeGreaterThanOrEqual(500);
    await h.root('POST', '/sim/faults', { body: { errorRate: 0, dropRate: 1 } });
    await expect(h.root('POST', '/v2/auth/challenge')).rejects.toThrow();
    await h.root('DELETE', '/sim/faults');
  });

  it('POST /sim/keys/rotate withdraws the old public key ids (21470) and publishes new ones', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const old = (await h.api<{ publicKeyId: string; usage: string[] }[]>('GET', '/security/public-key-certificates'))
      .body;
    const rotated = await h.root<{ SymmetricKeyEncryption: string }>('POST', '/sim/keys/rotate');
    expect(rotated.status).toBe(200);
    const symmetricOld = old.find((k) => k.usage.includes('SymmetricKeyEncryption'))!.publicKeyId;
    expect(rotated.body.SymmetricKeyEncryption).not.toBe(symmetricOld);
    const refused = await h.api<{ exception: { exceptionDetailList: { exceptionCode: number }[] } }>(
      'POST',
      '/sessions/online',
      {
        token: tokens.accessToken,
        body: {
          formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
          encryption: {
            encryptedSymmetricKey: 'AA==',
            initializationVector: Buffer.alloc(16).toString('base64'),
            publicKeyId: symmetricOld,
          },
        },
      },
    );
    expect(refused.body.exception.exceptionDetailList[0]?.exceptionCode).toBe(21470);
    // Issued tokens survive the rotation; a new session with the new key works.
    expect((await openOnline(h, tokens.accessToken)).referenceNumber).toBeTruthy();
  });

  it('POST /sim/reset forgets everything: old tokens stop working', async () => {
    const tokens = await loginWithKsefToken(h, randomNip());
    expect((await h.root('POST', '/sim/reset')).status).toBe(200);
    expect((await h.api('GET', '/auth/sessions', { token: tokens.accessToken })).status).toBe(401);
  });
});

describe('snapshot', () => {
  it('keeps keys and state in the data dir across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sim-data-'));
    const nip = randomNip();
    const first = await SimHarness.start({ dataDir });
    const token = (await first.root<{ ksefToken: string }>('POST', '/sim/contexts', { body: { nip } })).body.ksefToken;
    const keys = (await first.api<{ publicKeyId: string }[]>('GET', '/security/public-key-certificates')).body;
    await first.close();

    const second = await SimHarness.start({ dataDir });
    try {
      expect(
        (await second.root<{ ksefToken: string }>('POST', '/sim/contexts', { body: { nip } })).body.ksefToken,
      ).toBe(token);
      const again = (await second.api<{ publicKeyId: string }[]>('GET', '/security/public-key-certificates')).body;
      expect(again.map((k) => k.publicKeyId)).toEqual(keys.map((k) => k.publicKeyId));
      await loginWithKsefToken(second, nip);
    } finally {
      await second.close();
    }
  });
});
