import {
  PRODUCTION_RATE_LIMITS,
  PUBLIC_RATE_LIMIT,
  RATE_LIMIT_GROUPS,
  type EndpointBucket,
  type RateLimitTable,
  type RateLimitWindows,
} from './rate-limit-groups';

/**
 * Limits in force per context: what `/rate-limits` returned for that context, else the production table.
 */
export class RateLimitPolicy {
  private readonly perContext = new Map<string, { table: RateLimitTable; fetchedAt: number }>();

  constructor(private readonly fallback: RateLimitTable = PRODUCTION_RATE_LIMITS) {}

  /** Stores the table fetched from `GET /rate-limits` for a context; missing groups keep the fallback. */
  update(context: string, fetched: Partial<Record<string, RateLimitWindows>>, now: number): void {
    const table = { ...this.fallback };
    for (const group of RATE_LIMIT_GROUPS) {
      const v = fetched[group];
      if (v && typeof v === 'object')
        table[group] = { perSecond: v.perSecond, perMinute: v.perMinute, perHour: v.perHour };
    }
    this.perContext.set(context, { table, fetchedAt: now });
  }

  fetchedAt(context: string): number | undefined {
    return this.perContext.get(context)?.fetchedAt;
  }

  limitsFor(context: string, bucket: EndpointBucket): RateLimitWindows {
    if (bucket.kind === 'public') return PUBLIC_RATE_LIMIT;
    const table = this.perContext.get(context)?.table ?? this.fallback;
    return table[bucket.group as keyof RateLimitTable];
  }
}
