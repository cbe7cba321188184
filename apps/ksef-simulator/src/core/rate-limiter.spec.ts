import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';
import { TooManyRequestsError } from './errors';
import { RateLimiter } from './rate-limiter';

const check = {
  group: 'sessionList' as const,
  contextKey: 'nip:1111111111',
  clientIp: '127.0.0.1',
  endpoint: 'GET /sessions',
};

function refusal(fn: () => void): TooManyRequestsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TooManyRequestsError) return error;
    throw error;
  }
  throw new Error('expected 429');
}

describe('RateLimiter', () => {
  it('refuses the request over the per-second limit and recovers after Retry-After', () => {
    const clock = new SimClock(() => 1_000_000);
    const limiter = new RateLimiter(clock, { enabled: true });
    for (let i = 0; i < 5; i++) limiter.check(check);
    const error = refusal(() => limiter.check(check));
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    clock.advance(error.retryAfterSeconds * 1000);
    expect(() => limiter.check(check)).not.toThrow();
  });

  it('keeps separate budgets per context and per client IP', () => {
    const limiter = new RateLimiter(new SimClock(() => 5_000_000), { enabled: true });
    for (let i = 0; i < 5; i++) limiter.check(check);
    expect(() => limiter.check({ ...check, contextKey: 'nip:2222222222' })).not.toThrow();
    expect(() => limiter.check({ ...check, clientIp: '10.0.0.2' })).not.toThrow();
  });

  it('escalates the block on repeated breaches', () => {
    const clock = new SimClock(() => 9_000_000);
    const limiter = new RateLimiter(clock, { enabled: true });
    for (let i = 0; i < 5; i++) limiter.check(check);
    const first = refusal(() => limiter.check(check));
    clock.advance(first.retryAfterSeconds * 1000);
    for (let i = 0; i < 5; i++) limiter.check(check);
    // 10 per minute: the 11th request inside the minute is a second breach with a longer block.
    const second = refusal(() => limiter.check(check));
    expect(second.retryAfterSeconds).toBeGreaterThan(first.retryAfterSeconds);
  });

  it('does nothing when disabled', () => {
    const limiter = new RateLimiter(new SimClock(), { enabled: false });
    for (let i = 0; i < 100; i++) limiter.check(check);
    expect(limiter.isEnabled()).toBe(false);
  });
});
