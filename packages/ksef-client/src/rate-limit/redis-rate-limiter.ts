import { createHash, randomBytes } from 'node:crypto';
import { type Clock } from '../util/clock';
import { type RateLimitWindows } from './rate-limit-groups';
import {
  IN_FLIGHT_POLL_MS,
  type PermitDecision,
  type RateLimitKey,
  type RateLimiter,
  windowSpecs,
} from './rate-limiter';

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
  /** Longest a permit may stay in flight (crashed callers); default 90 s. */
  holdMs?: number;
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
local hold = tonumber(ARGV[3])
local poll = tonumber(ARGV[4])
local maxW = 0
local wait = 0
for i = 5, #ARGV, 2 do
  local w = tonumber(ARGV[i])
  local l = tonumber(ARGV[i + 1])
  if w > maxW then maxW = w end
  if l <= 0 then return {0, -1} end
  local c = redis.call('ZCOUNT', key, '(' .. (now - w), '+inf')
  if c >= l then
    local e = redis.call('ZRANGEBYSCORE', key, '(' .. (now - w), '+inf', 'WITHSCORES', 'LIMIT', c - l, 1)
    local s = tonumber(e[2])
    local t = s + w - now
    if s > now then t = poll end
    if t > wait then wait = t end
  end
end
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - maxW)
if wait > 0 then return {0, wait} end
redis.call('ZADD', key, now + hold, member)
redis.call('PEXPIRE', key, maxW + hold)
return {1, 0}
`;

// Re-dates a permit at completion (never later than its in-flight date; ignored when already pruned).
const COMPLETE_SCRIPT = `
local s = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not s then return 0 end
local now = tonumber(ARGV[1])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
if now < tonumber(s) then redis.call('ZADD', KEYS[1], 'XX', now, ARGV[2]) end
return 1
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');
const COMPLETE_SHA = createHash('sha1').update(COMPLETE_SCRIPT).digest('hex');

/** Sliding-window-log limiter shared by every process that uses the same Redis and key prefix. */
export class RedisRateLimiter implements RateLimiter {
  private readonly paddingMs: number;
  private readonly holdMs: number;

  constructor(
    private readonly redis: RedisScriptClient,
    private readonly options: RedisRateLimiterOptions,
  ) {
    this.paddingMs = options.paddingMs ?? 50;
    this.holdMs = options.holdMs ?? 90_000;
  }

  private key(key: RateLimitKey): string {
    return `${this.options.keyPrefix}:rl:${key.context}:${key.bucket}`;
  }

  private async run(sha: string, script: string, args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(sha, 1, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return this.redis.eval(script, 1, ...args);
    }
  }

  async complete(key: RateLimitKey, permitId: string): Promise<void> {
    const now = this.options.clock ? this.options.clock.now() : -1;
    await this.run(COMPLETE_SHA, COMPLETE_SCRIPT, [this.key(key), now, permitId]);
  }

  async tryAcquire(key: RateLimitKey, limits: RateLimitWindows): Promise<PermitDecision> {
    const specs = windowSpecs(limits, this.paddingMs);
    if (specs.length === 0) return { granted: true, waitMs: 0 };
    const now = this.options.clock ? this.options.clock.now() : -1;
    const member = randomBytes(9).toString('hex');
    const args: (string | number)[] = [this.key(key), now, member, this.holdMs, IN_FLIGHT_POLL_MS];
    for (const s of specs) args.push(s.windowMs, s.limit);
    const result = await this.run(SCRIPT_SHA, SCRIPT, args);
    const [granted, wait] = (result as [number, number]).map(Number) as [number, number];
    if (granted === 1) return { granted: true, waitMs: 0, permitId: member };
    return { granted: false, waitMs: wait < 0 ? Number.POSITIVE_INFINITY : wait };
  }
}
