import { createHash, randomBytes } from 'node:crypto';
import { type Clock } from '../util/clock';
import { type RateLimitWindows } from './rate-limit-groups';
import { type PermitDecision, type RateLimitKey, type RateLimiter, windowSpecs } from './rate-limiter';

/**
 * The subset of an ioredis client this limiter needs. Declared structurally so `ioredis` stays an optional
 * peer dependency: pass an `ioredis` `Redis` or `Cluster` instance.
 */
export interface RedisScriptClient {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

export interface RedisRateLimiterOptions {
  /** Prefix of every key; use one per deployment (and per test). */
  keyPrefix: string;
  /** Clock for timestamps; when absent the Redis server time is used so all processes agree. */
  clock?: Clock;
  paddingMs?: number;
}

// One sorted set per (context, bucket) holds request timestamps of the longest window. Checking all windows and
// recording the permit happen in one script, so concurrent processes can never both take the last slot.
const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local member = ARGV[2]
local maxW = 0
local wait = 0
for i = 3, #ARGV, 2 do
  local w = tonumber(ARGV[i])
  local l = tonumber(ARGV[i + 1])
  if w > maxW then maxW = w end
  if l <= 0 then return {0, -1} end
  local c = redis.call('ZCOUNT', key, '(' .. (now - w), '+inf')
  if c >= l then
    local e = redis.call('ZRANGEBYSCORE', key, '(' .. (now - w), '+inf', 'WITHSCORES', 'LIMIT', c - l, 1)
    local t = tonumber(e[2]) + w - now
    if t > wait then wait = t end
  end
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - maxW)
if wait > 0 then return {0, wait} end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, maxW)
return {1, 0}
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** Sliding-window-log limiter shared by every process that uses the same Redis and key prefix. */
export class RedisRateLimiter implements RateLimiter {
  private readonly paddingMs: number;

  constructor(
    private readonly redis: RedisScriptClient,
    private readonly options: RedisRateLimiterOptions,
  ) {
    this.paddingMs = options.paddingMs ?? 100;
  }

  async tryAcquire(key: RateLimitKey, limits: RateLimitWindows): Promise<PermitDecision> {
    const specs = windowSpecs(limits, this.paddingMs);
    if (specs.length === 0) return { granted: true, waitMs: 0 };
    const redisKey = `${this.options.keyPrefix}:rl:${key.context}:${key.bucket}`;
    const now = this.options.clock ? this.options.clock.now() : -1;
    const member = `${now}:${randomBytes(6).toString('hex')}`;
    const args: (string | number)[] = [redisKey, now, member];
    for (const s of specs) args.push(s.windowMs, s.limit);
    let result: unknown;
    try {
      result = await this.redis.evalsha(SCRIPT_SHA, 1, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      result = await this.redis.eval(SCRIPT, 1, ...args);
    }
    const [granted, wait] = (result as [number, number]).map(Number) as [number, number];
    if (granted === 1) return { granted: true, waitMs: 0 };
    return { granted: false, waitMs: wait < 0 ? Number.POSITIVE_INFINITY : wait };
  }
}
