import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_GROUPS } from '../rate-limit/rate-limit-groups';
import { type PermitDecision, type RateLimiter } from '../rate-limit/rate-limiter';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { ownerSession } from '../testing/test-invoices';
import { type RateLimitDefect } from './ksef-http.client';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
});
afterAll(async () => {
  await sim?.close();
});

/** A deliberately broken limiter (grants everything) to make the simulator answer 429. */
const grantAll: RateLimiter = {
  tryAcquire: (): Promise<PermitDecision> => Promise.resolve({ granted: true, waitMs: 0, permitId: 'x' }),
  complete: () => Promise.resolve(),
};

describe('429 handling and session listings against the simulator', () => {
  it('honours Retry-After on a real 429, reports it as a limiter defect and completes the calls', async () => {
    const nip = randomNip();
    const defects: RateLimitDefect[] = [];
    const ksef = sim.client({ limiter: grantAll, onRateLimitDefect: (d) => defects.push(d), max429Retries: 5 });
    const session = await ownerSession(ksef, nip);
    const online = await ksef.online(session).open();
    const table = Object.fromEntries(
      RATE_LIMIT_GROUPS.map((g) => [
        g,
        g === 'sessionMisc'
          ? { perSecond: 2, perMinute: 100, perHour: 1000 }
          : { perSecond: 100, perMinute: 1000, perHour: 10000 },
      ]),
    );
    await ksef.http.request({
      method: 'POST',
      path: '/testdata/rate-limits',
      json: { rateLimits: table },
      bearer: await session.accessToken(),
      context: session.contextKey,
      responseType: 'none',
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ksef.sessions(session).status(online.referenceNumber)),
    );
    expect(results.every((r) => r.status.code === 100)).toBe(true);
    expect(ksef.http.stats.rateLimited).toBeGreaterThan(0);
    expect(defects.length).toBe(ksef.http.stats.rateLimited);
    expect(defects[0]).toMatchObject({ bucket: 'sessionMisc', path: '/sessions/{referenceNumber}' });
    expect(defects[0]!.retryAfterMs).toBeGreaterThan(0);
  });

  it('lists sessions and revokes another authentication session by reference', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const first = await ownerSession(ksef, nip);
    const second = await ownerSession(ksef, nip);
    const online = await ksef.online(first).open();
    const listed = await ksef.sessions(first).list({ sessionType: 'Online', statuses: ['InProgress'] });
    expect(listed.map((s) => s.referenceNumber)).toContain(online.referenceNumber);

    await second.accessToken();
    const ref = second.authReferenceNumber!;
    await first.revokeAuthSession(ref);
    const after = await first.listAuthSessions();
    const revoked = after.find((s) => s.referenceNumber === ref);
    expect(revoked === undefined || revoked.status.code === 425).toBe(true);
  });
});
