import type { Clock } from './clock';
import { HOUR, MINUTE, SECOND } from './dates';
import { TooManyRequestsError } from './errors';
import {
  PRODUCTION_RATE_LIMITS,
  PUBLIC_PER_SECOND,
  type RateLimitGroup,
  type RateLimitTable,
  type RateLimitValues,
} from './rate-limits';

interface Bucket {
  /** Accepted request times, oldest first, pruned to the last hour. */
  hits: number[];
  blockedUntil: number;
  breaches: number;
  lastBreachAt: number;
}

export interface RateLimiterOptions {
  enabled: boolean;
  /** Overrides of the production table for every context (e.g. tiny limits in tests). */
  defaults?: Partial<RateLimitTable>;
  /** Named groups with several endpoints share one counter unless this is false. */
  sharedGroupCounters?: boolean;
  /** Per-IP limit of public endpoints. */
  publicPerSecond?: number;
}

export interface RateCheck {
  group: RateLimitGroup | 'public';
  /** `nip:5265877635` for protected endpoints; null for public ones (per IP). */
  contextKey: string | null;
  clientIp: string;
  /** Route id, used for the "other" group where each endpoint counts separately. */
  endpoint: string;
}

const PL_WINDOW: Record<'perSecond' | 'perMinute' | 'perHour', string> = {
  perSecond: 'na sekundę',
  perMinute: 'na minutę',
  perHour: 'na godzinę',
};

/**
 * Sliding windows (1 s / 60 s / 60 min) per (context, client IP, group). The first breach blocks the bucket
 * for the time until the window frees a slot; repeated breaches within an hour double the block, up to 1 h.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly contextOverrides = new Map<string, RateLimitTable>();
  private enabled: boolean;
  private defaults: RateLimitTable;
  private readonly shared: boolean;
  private readonly publicPerSecond: number;

  constructor(
    private readonly clock: Clock,
    options: RateLimiterOptions,
  ) {
    this.enabled = options.enabled;
    this.defaults = { ...PRODUCTION_RATE_LIMITS, ...options.defaults };
    this.shared = options.sharedGroupCounters ?? true;
    this.publicPerSecond = options.publicPerSecond ?? PUBLIC_PER_SECOND;
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
  }

  setDefaults(table: Partial<RateLimitTable>): void {
    this.defaults = { ...PRODUCTION_RATE_LIMITS, ...table };
  }

  /** Effective limits for a context (`/rate-limits`, `/testdata/rate-limits`). */
  limitsFor(contextKey: string): RateLimitTable {
    return this.contextOverrides.get(contextKey) ?? this.defaults;
  }

  setContextOverride(contextKey: string, table: RateLimitTable | null): void {
    if (table) this.contextOverrides.set(contextKey, table);
    else this.contextOverrides.delete(contextKey);
  }

  reset(): void {
    this.buckets.clear();
    this.contextOverrides.clear();
  }

  /** Throws TooManyRequestsError when the request must be refused; otherwise counts it. */
  check(request: RateCheck): void {
    if (!this.enabled) return;
    const now = this.clock.now();
    const limits: RateLimitValues =
      request.group === 'public'
        ? { perSecond: this.publicPerSecond, perMinute: Number.POSITIVE_INFINITY, perHour: Number.POSITIVE_INFINITY }
        : this.limitsFor(request.contextKey ?? '')[request.group];
    const counterId =
      request.group === 'other' || !this.shared ? `${request.group}:${request.endpoint}` : request.group;
    const key = `${request.contextKey ?? '-'}|${request.clientIp}|${counterId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { hits: [], blockedUntil: 0, breaches: 0, lastBreachAt: 0 };
      this.buckets.set(key, bucket);
    }

    if (now < bucket.blockedUntil) {
      throw new TooManyRequestsError(
        Math.max(1, Math.ceil((bucket.blockedUntil - now) / SECOND)),
        'Przekroczono limit żądań. Dostęp jest tymczasowo zablokowany.',
      );
    }

    prune(bucket.hits, now - HOUR);
    const windows = [
      { name: 'perSecond', span: SECOND, limit: limits.perSecond },
      { name: 'perMinute', span: MINUTE, limit: limits.perMinute },
      { name: 'perHour', span: HOUR, limit: limits.perHour },
    ] as const;
    for (const window of windows) {
      const from = now - window.span;
      const inWindow = countSince(bucket.hits, from);
      if (inWindow >= window.limit) {
        // The slot frees when the (inWindow - limit + 1)-th oldest hit in the window leaves it.
        const firstInWindow = bucket.hits.length - inWindow;
        const freeingHit = bucket.hits[firstInWindow + inWindow - window.limit] ?? now;
        const baseWait = Math.max(SECOND, freeingHit + window.span - now);
        bucket.breaches = now - bucket.lastBreachAt < HOUR ? bucket.breaches + 1 : 1;
        bucket.lastBreachAt = now;
        const wait = Math.min(HOUR, baseWait * 2 ** Math.min(bucket.breaches - 1, 6));
        bucket.blockedUntil = now + wait;
        const seconds = Math.max(1, Math.ceil(wait / SECOND));
        throw new TooManyRequestsError(
          seconds,
          `Przekroczono limit ${window.limit} żądań ${PL_WINDOW[window.name]}. Spróbuj ponownie po ${seconds} sekundach.`,
        );
      }
    }
    bucket.hits.push(now);
  }
}

function prune(hits: number[], before: number): void {
  let drop = 0;
  while (drop < hits.length && hits[drop]! <= before) drop++;
  if (drop > 0) hits.splice(0, drop);
}

function countSince(hits: number[], from: number): number {
  // Hits are sorted; scan from the end because recent windows are short.
  let count = 0;
  for (let i = hits.length - 1; i >= 0 && hits[i]! > from; i--) count++;
  return count;
}
