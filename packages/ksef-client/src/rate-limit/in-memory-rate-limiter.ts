import { type Clock, systemClock } from '../util/clock';
import { type RateLimitWindows } from './rate-limit-groups';
import {
  type PermitDecision,
  type RateLimitKey,
  type RateLimiter,
  type RateLimiterOptions,
  windowSpecs,
} from './rate-limiter';

/** Sliding-window-log limiter for a single process. */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, number[]>();
  private readonly clock: Clock;
  private readonly paddingMs: number;

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.paddingMs = options.paddingMs ?? 100;
  }

  tryAcquire(key: RateLimitKey, limits: RateLimitWindows): Promise<PermitDecision> {
    return Promise.resolve(this.decide(key, limits));
  }

  private decide(key: RateLimitKey, limits: RateLimitWindows): PermitDecision {
    const now = this.clock.now();
    const specs = windowSpecs(limits, this.paddingMs);
    const id = `${key.context}\u0000${key.bucket}`;
    const maxWindow = Math.max(0, ...specs.map((s) => s.windowMs));
    const log = (this.logs.get(id) ?? []).filter((t) => t > now - maxWindow);
    let wait = 0;
    for (const { windowMs, limit } of specs) {
      if (limit <= 0) return { granted: false, waitMs: Number.POSITIVE_INFINITY };
      const inWindow = log.filter((t) => t > now - windowMs);
      if (inWindow.length >= limit) {
        // The (count - limit)-th oldest request in the window must leave before one more fits.
        const leaving = inWindow[inWindow.length - limit]!;
        wait = Math.max(wait, leaving + windowMs - now);
      }
    }
    if (wait > 0) {
      this.logs.set(id, log);
      return { granted: false, waitMs: wait };
    }
    log.push(now);
    this.logs.set(id, log);
    return { granted: true, waitMs: 0 };
  }
}
