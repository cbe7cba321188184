import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../util/clock';
import { InMemoryRateLimiter } from './in-memory-rate-limiter';
import { endpointBucket, PRODUCTION_RATE_LIMITS, type RATE_LIMIT_GROUPS } from './rate-limit-groups';
import { acquirePermit } from './rate-limiter';
import { KSEF_OPERATIONS } from '../generated/ksef-api.models';

const key = { context: 'Nip:5265877635', bucket: 'invoiceSend' };

describe('InMemoryRateLimiter', () => {
  it('grants up to the per-second limit and then reports the wait until the oldest leaves', async () => {
    const clock = new FakeClock();
    const limiter = new InMemoryRateLimiter({ clock, paddingMs: 0 });
    const limits = { perSecond: 3, perMinute: 100 };
    for (let i = 0; i < 3; i++) {
      const d = await limiter.tryAcquire(key, limits);
      expect(d.granted).toBe(true);
      await limiter.complete(key, d.permitId!);
      clock.advance(100);
    }
    const denied = await limiter.tryAcquire(key, limits);
    expect(denied).toEqual({ granted: false, waitMs: 700 });
    clock.advance(700);
    expect((await limiter.tryAcquire(key, limits)).granted).toBe(true);
  });

  it('keeps buckets of different contexts apart', async () => {
    const limiter = new InMemoryRateLimiter({ clock: new FakeClock(), paddingMs: 0 });
    await limiter.complete(key, (await limiter.tryAcquire(key, { perSecond: 1 })).permitId!);
    expect((await limiter.tryAcquire(key, { perSecond: 1 })).granted).toBe(false);
    expect((await limiter.tryAcquire({ ...key, context: 'Nip:1111111111' }, { perSecond: 1 })).granted).toBe(true);
  });

  it('never lets any sliding window exceed its limit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 50, maxLength: 200 }), async (gaps) => {
        const clock = new FakeClock();
        const limiter = new InMemoryRateLimiter({ clock, paddingMs: 0 });
        const limits = { perSecond: 5, perMinute: 20, perHour: 40 };
        const granted: number[] = [];
        for (const gap of gaps) {
          clock.advance(gap);
          await acquirePermit(limiter, key, limits, clock);
          granted.push(clock.now());
        }
        for (const [windowMs, limit] of [
          [1_000, 5],
          [60_000, 20],
          [3_600_000, 40],
        ] as const) {
          for (let i = 0; i < granted.length; i++) {
            const inWindow = granted.filter((t) => t > granted[i]! - windowMs && t <= granted[i]!).length;
            expect(inWindow).toBeLessThanOrEqual(limit);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('waits exactly as long as the per-hour window requires', async () => {
    const clock = new FakeClock();
    const limiter = new InMemoryRateLimiter({ clock, paddingMs: 0 });
    const start = clock.now();
    const limits = PRODUCTION_RATE_LIMITS.invoiceMetadata; // 8/s, 16/min, 20/h
    for (let i = 0; i < 21; i++) await limiter.complete(key, await acquirePermit(limiter, key, limits, clock));
    expect(clock.now() - start).toBe(3_600_000);
  });
});

describe('endpointBucket', () => {
  it('maps every contract operation to a group whose production limits equal its x-rate-limits', () => {
    for (const op of KSEF_OPERATIONS) {
      if (!op.rateLimits || op.path.startsWith('/permissions') || op.path.startsWith('/peppol')) continue;
      const bucket = endpointBucket(op.method, op.path);
      const expected =
        bucket.kind === 'public'
          ? { perSecond: 60 }
          : PRODUCTION_RATE_LIMITS[bucket.group as (typeof RATE_LIMIT_GROUPS)[number]];
      expect({ route: `${op.method} ${op.path}`, limits: op.rateLimits }).toEqual({
        route: `${op.method} ${op.path}`,
        limits: expected,
      });
    }
  });

  it('gives each "other" endpoint its own counter but shares named groups', () => {
    expect(endpointBucket('GET', '/tokens').bucket).not.toBe(endpointBucket('POST', '/tokens').bucket);
    expect(endpointBucket('POST', '/sessions/online').bucket).toBe(
      endpointBucket('POST', '/sessions/online/{referenceNumber}/close').bucket,
    );
  });
});
