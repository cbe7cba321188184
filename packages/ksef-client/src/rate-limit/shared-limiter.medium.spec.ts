import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_GROUPS } from './rate-limit-groups';
import { RedisRateLimiter } from './redis-rate-limiter';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { ownerSession } from '../testing/test-invoices';

let sim: RunningSimulator;
let redis: Redis;
const prefix = `test:ksef-client:shared:${randomUUID()}`;

beforeAll(async () => {
  sim = await startSimulator();
  redis = new Redis({ host: '127.0.0.1', port: 6379 });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await sim?.close();
});

describe('two clients sharing one Redis limiter against the simulator', () => {
  it('never get a 429 while together hitting a tight limit', async () => {
    const nip = randomNip();
    // Two "processes": separate clients, sessions and Redis connections, one key prefix.
    const other = new Redis({ host: '127.0.0.1', port: 6379 });
    const clients = [redis, other].map((conn) =>
      sim.client({ limiter: new RedisRateLimiter(conn, { keyPrefix: prefix }) }),
    );
    const sessions = await Promise.all(clients.map((c) => ownerSession(c, nip)));
    const online = await clients[0]!.online(sessions[0]!).open();

    // Tighten sessionMisc (GET /sessions/{ref}) for this context to 3/s, 20/min on the simulator.
    const table = Object.fromEntries(
      RATE_LIMIT_GROUPS.map((g) => [
        g,
        g === 'sessionMisc'
          ? { perSecond: 3, perMinute: 20, perHour: 1000 }
          : { perSecond: 100, perMinute: 1000, perHour: 10000 },
      ]),
    );
    await clients[0]!.http.request({
      method: 'POST',
      path: '/testdata/rate-limits',
      json: { rateLimits: table },
      bearer: await sessions[0]!.accessToken(),
      context: sessions[0]!.contextKey,
      responseType: 'none',
    });
    // Each client learns the new limits from GET /rate-limits.
    for (const [i, c] of clients.entries())
      expect((await c.limits(sessions[i]!).rateLimits()).sessionMisc.perSecond).toBe(3);

    // Sixteen concurrent requests: unshared limiters would allow 6/s together and the simulator would answer 429.
    await Promise.all(
      clients.flatMap((c, i) =>
        Array.from({ length: 8 }, () => c.sessions(sessions[i]!).status(online.referenceNumber)),
      ),
    );
    expect(clients.map((c) => c.http.stats.rateLimited)).toEqual([0, 0]);
    other.disconnect();
  }, 60_000);
});
