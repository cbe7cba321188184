import { z } from 'zod';
import type { Clock } from './clock';
import {
  type FaultMoment,
  type RequestShape,
  type ScriptedFault,
  ScriptedFaults,
  scriptedFaultSchema,
} from './scripted-faults';

export const outageKindSchema = z.enum(['MAINTENANCE', 'FAILURE', 'TOTAL_FAILURE']);

/** Body of `POST /sim/faults`: each field replaces the current setting; omitted fields stay as they are. */
export const faultSettingsSchema = z
  .object({
    /** Added to every /v2 response: fixed part plus uniform random jitter. */
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    jitterMs: z.number().int().min(0).max(60_000).optional(),
    /** Delay of each asynchronous processing step (invoice 100 -> 150 -> final, session close, auth). */
    processingDelayMs: z.number().int().min(0).max(600_000).optional(),
    /** Share (0..1) of /v2 requests answered with 500/503. */
    errorRate: z.number().min(0).max(1).optional(),
    /** Share (0..1) of /v2 requests whose connection is dropped without an answer. */
    dropRate: z.number().min(0).max(1).optional(),
    /** Windows (sim-clock ISO date-times) during which every /v2 request gets 503. */
    outages: z
      .array(
        z.object({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          kind: outageKindSchema.default('FAILURE'),
        }),
      )
      .optional(),
    /** Forced 429s: share of requests (optionally only in some groups) refused with this Retry-After. */
    forced429: z
      .object({
        rate: z.number().min(0).max(1),
        retryAfterSeconds: z.number().int().min(1).max(3600).default(1),
        groups: z.array(z.string()).optional(),
      })
      .nullable()
      .optional(),
    /** Deterministic faults for the next matching requests (replaces the list; `[]` clears it). */
    scripted: z.array(scriptedFaultSchema).max(100).optional(),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type OutageKind = z.infer<typeof outageKindSchema>;

interface Outage {
  from: number;
  to: number;
  kind: OutageKind;
}

export type FaultAction =
  | { type: 'none' }
  | { type: 'outage'; kind: OutageKind }
  | { type: 'error'; status: 500 | 503 }
  | { type: 'drop' }
  | { type: 'throttle'; retryAfterSeconds: number };

/** Fault injection state, consulted by the request guard for every /v2 request. */
export class FaultInjector {
  private latencyMs = 0;
  private jitterMs = 0;
  private errorRate = 0;
  private dropRate = 0;
  private outages: Outage[] = [];
  private forced429: { rate: number; retryAfterSeconds: number; groups?: string[] } | null = null;
  private readonly scripted = new ScriptedFaults();
  processingDelayMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly defaultProcessingDelayMs: number,
    private readonly random: () => number = Math.random,
  ) {
    this.processingDelayMs = defaultProcessingDelayMs;
  }

  configure(settings: FaultSettings): void {
    if (settings.latencyMs !== undefined) this.latencyMs = settings.latencyMs;
    if (settings.jitterMs !== undefined) this.jitterMs = settings.jitterMs;
    if (settings.processingDelayMs !== undefined) this.processingDelayMs = settings.processingDelayMs;
    if (settings.errorRate !== undefined) this.errorRate = settings.errorRate;
    if (settings.dropRate !== undefined) this.dropRate = settings.dropRate;
    if (settings.outages !== undefined) {
      this.outages = settings.outages.map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to), kind: o.kind }));
    }
    if (settings.forced429 !== undefined) this.forced429 = settings.forced429;
    if (settings.scripted !== undefined) this.scripted.replace(settings.scripted);
  }

  clear(): void {
    this.latencyMs = 0;
    this.jitterMs = 0;
    this.errorRate = 0;
    this.dropRate = 0;
    this.outages = [];
    this.forced429 = null;
    this.scripted.clear();
    this.processingDelayMs = this.defaultProcessingDelayMs;
  }

  describe(): Record<string, unknown> {
    return {
      latencyMs: this.latencyMs,
      jitterMs: this.jitterMs,
      processingDelayMs: this.processingDelayMs,
      errorRate: this.errorRate,
      dropRate: this.dropRate,
      outages: this.outages.map((o) => ({
        from: new Date(o.from).toISOString(),
        to: new Date(o.to).toISOString(),
        kind: o.kind,
      })),
      forced429: this.forced429,
      scripted: this.scripted.describe(),
    };
  }

  /** The scripted fault for this request at this moment, if one is still pending (and uses it up). */
  scriptedFor(request: RequestShape, when: FaultMoment): ScriptedFault | null {
    return this.scripted.take(request, when);
  }

  /** The outage in force now, if any (also drives `/sim/latarnia/status`). */
  currentOutage(): Outage | null {
    const now = this.clock.now();
    return this.outages.find((o) => o.from <= now && now < o.to) ?? null;
  }

  delayMs(): number {
    if (this.latencyMs === 0 && this.jitterMs === 0) return 0;
    return this.latencyMs + Math.floor(this.random() * this.jitterMs);
  }

  decide(group: string): FaultAction {
    const outage = this.currentOutage();
    if (outage) return { type: 'outage', kind: outage.kind };
    if (this.dropRate > 0 && this.random() < this.dropRate) return { type: 'drop' };
    if (this.errorRate > 0 && this.random() < this.errorRate) {
      return { type: 'error', status: this.random() < 0.5 ? 500 : 503 };
    }
    const forced = this.forced429;
    if (forced && (!forced.groups || forced.groups.includes(group)) && this.random() < forced.rate) {
      return { type: 'throttle', retryAfterSeconds: forced.retryAfterSeconds };
    }
    return { type: 'none' };
  }
}
