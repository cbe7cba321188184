import { type Clock, systemClock } from '../util/clock';
import { type RateLimitWindows } from './rate-limit-groups';

/** Counter identity: the KSeF context (or `ip` for public endpoints) and the endpoint bucket. */
export interface RateLimitKey {
  context: string;
  bucket: string;
}

export interface PermitDecision {
  granted: boolean;
  /** When not granted: how long until a permit can be granted. */
  waitMs: number;
  /** When granted: identifies the permit for {@link RateLimiter.complete}. */
  permitId?: string;
}

/** A sliding-window window as (length, max requests) after padding. */
export interface WindowSpec {
  windowMs: number;
  limit: number;
}

/**
 * Grants request permits so that, for each key, no sliding window of 1 s, 60 s and 60 min holds more requests
 * than allowed. Implementations must be atomic across every caller sharing them.
 */
export interface RateLimiter {
  tryAcquire(key: RateLimitKey, limits: RateLimitWindows): Promise<PermitDecision>;
  /**
   * Marks a granted request as finished. KSeF counts a request at some moment between our send and its response;
   * until the response arrives the permit counts as "now" (held), afterwards it is dated at completion, so
   * delays between our grant and KSeF's clock (event-loop stalls, network jitter) can never squeeze more
   * requests into KSeF's window than allowed.
   */
  complete(key: RateLimitKey, permitId: string): Promise<void>;
}

export interface RateLimiterOptions {
  clock?: Clock;
  /**
   * Added to every window length. KSeF counts arrival times; network jitter can bring two of our requests
   * closer together than we sent them, so the windows are stretched slightly.
   */
  paddingMs?: number;
  /** Longest a permit may stay in flight before it is dated at its grant + this (crashed callers). Default 90 s. */
  holdMs?: number;
}

/** How long a waiter sleeps when only in-flight permits block it (they may complete any moment). */
export const IN_FLIGHT_POLL_MS = 20;

export function windowSpecs(limits: RateLimitWindows, paddingMs: number): WindowSpec[] {
  const specs: WindowSpec[] = [];
  if (limits.perSecond !== undefined) specs.push({ windowMs: 1_000 + paddingMs, limit: limits.perSecond });
  if (limits.perMinute !== undefined) specs.push({ windowMs: 60_000 + paddingMs, limit: limits.perMinute });
  if (limits.perHour !== undefined) specs.push({ windowMs: 3_600_000 + paddingMs, limit: limits.perHour });
  return specs;
}

/** Waits (using the clock) until the limiter grants a permit. */
export async function acquirePermit(
  limiter: RateLimiter,
  key: RateLimitKey,
  limits: RateLimitWindows,
  clock: Clock = systemClock,
  signal?: AbortSignal,
): Promise<string> {
  for (;;) {
    signal?.throwIfAborted();
    const decision = await limiter.tryAcquire(key, limits);
    if (decision.granted) return decision.permitId ?? '';
    // A zero limit never grants; fail loudly instead of spinning forever.
    if (!Number.isFinite(decision.waitMs)) throw new Error(`Limit zapytań dla ${key.bucket} wynosi 0`);
    await clock.sleep(Math.max(1, decision.waitMs));
  }
}
