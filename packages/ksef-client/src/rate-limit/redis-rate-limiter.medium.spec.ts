import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../util/clock';
import { RedisRateLimiter } from './redis-rate-limiter';

describe('RedisRateLimiter (real Redis)', () => {
  let a: Redis;
  let b: Redis;
  const prefix = `test:ksef-client:${randomUUID()}`;

  beforeAll(() => {
    a = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false });
    b = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: false });
  });

  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length) await a.del(...keys);
    a.disconnect();
    b.disconnect();
  });

  it('two limiter instances on one Redis never exceed any window together', async () => {
    const clock = new FakeClock();
    const limits = { perSecond: 4, perMinute: 10 };
    const one = new RedisRateLimiter(a, { keyPrefix: prefix, clock, paddingMs: 0 });
    const two = new RedisRateLimiter(b, { keyPrefix: prefix, clock, paddingMs: 0 });
    const key = { context: 'Nip:5265877635', bucket: 'invoiceSend' };
    const granted: number[] = [];
    // Interleave the two instances concurrently at the same fake instant, then move time forward.
    for (let step = 0; step < 80; step++) {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? one : two).tryAcquire(key, limits)),
      );
      for (const r of results) if (r.granted) granted.push(clock.now());
      await Promise.all(results.filter((r) => r.granted).map((r) => one.complete(key, r.permitId!)));
      clock.advance(1_500);
    }
    expect(granted.length).toBeGreaterThanOrEqual(18);
    for (const t of granted) {
      expect(granted.filter((x) => x > t - 1_000 && x <= t).length).toBeLessThanOrEqual(4);
      expect(granted.filter((x) => x > t - 60_000 && x <= t).length).toBeLessThanOrEqual(10);
    }
  });

  it('uses Redis server time when no clock is given and reports a finite wait', async () => {
    const limiter = new RedisRateLimiter(a, { keyPrefix: prefix, paddingMs: 0 });
    const key = { context: 'Nip:1111111111', bucket: 'other:GET /tokens' };
    const first = await limiter.tryAcquire(key, { perSecond: 1, perHour: 5 });
    expect(first.granted).toBe(true);
    // In flight: blocks with a short poll; once completed the wait is the rest of the window.
    expect(await limiter.tryAcquire(key, { perSecond: 1, perHour: 5 })).toEqual({ granted: false, waitMs: 20 });
    await limiter.complete(key, first.permitId!);
    const denied = await limiter.tryAcquire(key, { perSecond: 1, perHour: 5 });
    expect(denied.granted).toBe(false);
    expect(denied.waitMs).toBeGreaterThan(20);
    expect(denied.waitMs).toBeLessThanOrEqual(1_000);
  });
});
