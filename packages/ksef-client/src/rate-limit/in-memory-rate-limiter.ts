import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../util/clock';
import { type RateLimitWindows } from './rate-limit-groups';
import {
  IN_FLIGHT_POLL_MS,
  type PermitDecision,
  type RateLimitKey,
  type RateLimiter,
  type RateLimiterOptions,
  windowSpecs,
} from './rate-limiter';

/**
 * Sliding-window-log limiter for a single process. Each permit is dated "grant + hold" while in flight
 * (so it counts in every window) and re-dated at completion.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, Map<string, number>>();
  private readonly clock: Clock;
  private readonly paddingMs: number;
  private readonly holdMs: number;

  constructor(options: RateLimiterOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.paddingMs = options.paddingMs ?? 50;
    this.holdMs = options.holdMs ?? 90_000;
  }

  tryAcquire(key: RateLimitKey, limits: RateLimitWindows): Promise<PermitDecision> {
    return Promise.resolve(this.decide(key, limits));
  }

  complete(key: RateLimitKey, permitId: string): Promise<void> {
    const log = this.logs.get(this.id(key));
    const now = this.clock.now();
    if (log?.has(permitId)) log.set(permitId, Math.min(log.get(permitId)!, now));
    return Promise.resolve();
  }

  private id(key: RateLimitKey): string {
    return `${key.context}\u0000${key.bucket}`;
  }

  private decide(key: RateLimitKey, limits: RateLimitWindows): PermitDecision {
    const now = this.clock.now();
    const specs = windowSpecs(limits, this.paddingMs);
    const id = this.id(key);
    const maxWindow = Math.max(0, ...specs.map((s) => s.windowMs));
    const log = this.logs.get(id) ?? new Map<string, number>();
    for (const [permit, t] of log) if (t <= now - maxWindow) log.delete(permit);
    const times = [...log.values()].sort((a, b) => a - b);
    let wait = 0;
    for (const { windowMs, limit } of specs) {
      if (limit <= 0) return { granted: false, waitMs: Number.POSITIVE_INFINITY };
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= limit) {
        // The (count - limit)-th oldest request in the window must leave before one more fits; an in-flight
        // one (dated in the future) leaves only after it completes, so poll for that.
        const leaving = inWindow[inWindow.length - limit]!;
        wait = Math.max(wait, leaving > now ? IN_FLIGHT_POLL_MS : leaving + windowMs - now);
      }
    }
    this.logs.set(id, log);
    if (wait > 0) return { granted: false, waitMs: wait };
    const permitId = randomUUID();
    log.set(permitId, now + this.holdMs);
    return { granted: true, waitMs: 0, permitId };
  }
}
