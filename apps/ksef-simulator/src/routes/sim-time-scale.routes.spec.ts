import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken } from '../testing/auth-flow';
import { type InvoiceStatusBody, openOnline, sampleInvoice, sendBody } from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';

describe('timeScale', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({
      timeScale: 3600,
      processingDelayMs: 3_600_000,
      // 15 simulated minutes would be a quarter of a real second.
      tokenLifetimes: { accessTokenSeconds: 30 * 24 * 3600, authenticationTokenSeconds: 30 * 24 * 3600 },
      rateLimits: { enabled: true, defaults: { sessionList: { perSecond: 10, perMinute: 10, perHour: 1 } } },
    });
  });
  afterAll(() => h.close());

  it('runs the simulated clock, rate-limit windows and processing delays N times faster', async () => {
    const wallBefore = Date.now();
    const clock = await h.root<{ nowMs: number; timeScale: number }>('GET', '/sim/clock');
    expect(clock.body.timeScale).toBe(3600);
    await new Promise((r) => setTimeout(r, 50));
    const later = await h.root<{ nowMs: number }>('GET', '/sim/clock');
    const wall = Date.now() - wallBefore;
    const simulated = later.body.nowMs - clock.body.nowMs;
    // 50+ ms of real time between the two readings is 3+ simulated minutes; never more than 3600x the real time.
    expect(simulated).toBeGreaterThanOrEqual(50 * 3600 * 0.9);
    expect(simulated).toBeLessThanOrEqual((wall + 2) * 3600);

    // One request per simulated hour: the second is refused, Retry-After counts simulated seconds.
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const list = () => h.api('GET', '/sessions?sessionType=Online', { token: tokens.accessToken });
    expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    // Close to an hour (minus the simulated time between the two requests), counted in simulated seconds.
    expect(retryAfter).toBeGreaterThan(1800);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // ...which is about one real second: after it the window has moved on.
    await new Promise((r) => setTimeout(r, Math.ceil((retryAfter * 1000) / 3600) + 100));
    expect((await list()).status).toBe(200);

    // A one-hour processing delay per step: the invoice is final within real seconds.
    const session = await openOnline(h, tokens.accessToken);
    const sent = await h.api<{ referenceNumber: string }>(
      'POST',
      `/sessions/online/${session.referenceNumber}/invoices`,
      { token: tokens.accessToken, body: sendBody(session, sampleInvoice(nip)) },
    );
    expect(sent.status).toBe(202);
    const statusPath = `/sessions/${session.referenceNumber}/invoices/${sent.body.referenceNumber}`;
    const first = await h.api<InvoiceStatusBody>('GET', statusPath, { token: tokens.accessToken });
    expect([100, 150]).toContain(first.body.status.code);
    const wallSent = Date.now();
    let final = first.body;
    while ([100, 150].includes(final.status.code) && Date.now() - wallSent < 20_000) {
      await new Promise((r) => setTimeout(r, 100));
      final = (await h.api<InvoiceStatusBody>('GET', statusPath, { token: tokens.accessToken })).body;
    }
    expect(final.status.code).toBe(200);
    // Two one-hour steps took about two real seconds, not two hours.
    expect(Date.now() - wallSent).toBeGreaterThanOrEqual(1_500);
  });

  it('refuses a scale that is not positive', async () => {
    await expect(SimHarness.start({ timeScale: 0 })).rejects.toThrow(/timeScale/);
  });
});
