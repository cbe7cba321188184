/** Request and 429 counters per endpoint group and per context (`GET /sim/stats`). */
export class StatsRecorder {
  private readonly byGroup = new Map<string, { requests: number; throttled: number }>();
  private readonly byContext = new Map<string, { requests: number; throttled: number }>();
  private startedAt: number;

  constructor(now: number) {
    this.startedAt = now;
  }

  record(group: string, contextKey: string | null, status: number): void {
    const bump = (map: Map<string, { requests: number; throttled: number }>, key: string) => {
      const entry = map.get(key) ?? { requests: 0, throttled: 0 };
      entry.requests++;
      if (status === 429) entry.throttled++;
      map.set(key, entry);
    };
    bump(this.byGroup, group);
    if (contextKey) bump(this.byContext, contextKey);
  }

  snapshot(): {
    since: number;
    groups: Record<string, { requests: number; throttled: number }>;
    contexts: Record<string, { requests: number; throttled: number }>;
  } {
    return {
      since: this.startedAt,
      groups: Object.fromEntries(this.byGroup),
      contexts: Object.fromEntries(this.byContext),
    };
  }

  reset(now: number): void {
    this.byGroup.clear();
    this.byContext.clear();
    this.startedAt = now;
  }
}
