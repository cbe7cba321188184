import { scaledTimeSource, SimClock } from './core/clock';
import { PUBLIC_PER_SECOND, type RateLimitTable } from './core/rate-limits';
import { DEFAULT_TOKEN_LIFETIMES, type TokenLifetimes } from './services/token-issuer';

export type KsefEnvironment = 'TEST' | 'DEMO' | 'PRD';

export interface SimulatorOptions {
  /** Injectable clock; `/sim/clock` moves it. */
  clock?: SimClock;
  /**
   * Simulated time runs this many times faster than real time (default 1): rate-limit windows, Retry-After,
   * token lifetimes and processing delays all pass N× sooner. Benchmarks use it to cover hours in minutes;
   * a client must then run on a clock scaled the same way. Ignored when `clock` is given.
   */
  timeScale?: number;
  /** Keys, certificates and the state snapshot live here; null/undefined = everything in memory. */
  dataDir?: string | null;
  /** Save the state to `<dataDir>/state.json` on close and every `snapshotIntervalMs` (default: true with a dataDir). */
  snapshot?: boolean;
  snapshotIntervalMs?: number;
  /** pino level; 'silent' by default so tests stay quiet. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Mount the `/sim` control API (on in development and tests, off in the production image). */
  controlApi?: boolean;
  /** Used in returned URLs; by default derived from each request's Host header. */
  publicBaseUrl?: string;
  environment?: KsefEnvironment;
  rateLimits?: {
    enabled?: boolean;
    defaults?: Partial<RateLimitTable>;
    sharedGroupCounters?: boolean;
    /** Per-IP limit of public endpoints (60 req/s in KSeF). */
    publicPerSecond?: number;
  };
  tokenLifetimes?: Partial<TokenLifetimes>;
  /** Delay of each asynchronous processing step (ms); tests use 0..50. */
  processingDelayMs?: number;
  /** Time from KSeF number assignment until the invoice counts as permanently stored. */
  permanentStorageLagMs?: number;
  /** Verify NIP checksums of invoice parties (PRD behaviour). */
  enforceNipChecksum?: boolean;
}

export interface ResolvedSimulatorOptions {
  clock: SimClock;
  timeScale: number;
  dataDir: string | null;
  snapshot: boolean;
  snapshotIntervalMs: number;
  logLevel: NonNullable<SimulatorOptions['logLevel']>;
  controlApi: boolean;
  publicBaseUrl: string | null;
  environment: KsefEnvironment;
  rateLimits: {
    enabled: boolean;
    defaults: Partial<RateLimitTable>;
    sharedGroupCounters: boolean;
    publicPerSecond: number;
  };
  tokenLifetimes: TokenLifetimes;
  processingDelayMs: number;
  permanentStorageLagMs: number;
  enforceNipChecksum: boolean;
}

export function resolveOptions(options: SimulatorOptions): ResolvedSimulatorOptions {
  const environment = options.environment ?? 'TEST';
  const timeScale = options.clock ? 1 : (options.timeScale ?? 1);
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`timeScale must be > 0 (got ${timeScale})`);
  return {
    clock: options.clock ?? new SimClock(timeScale === 1 ? Date.now : scaledTimeSource(timeScale)),
    timeScale,
    dataDir: options.dataDir ?? null,
    snapshot: options.snapshot ?? Boolean(options.dataDir),
    snapshotIntervalMs: options.snapshotIntervalMs ?? 30_000,
    logLevel: options.logLevel ?? 'silent',
    controlApi: options.controlApi ?? true,
    publicBaseUrl: options.publicBaseUrl?.replace(/\/$/, '') ?? null,
    environment,
    rateLimits: {
      enabled: options.rateLimits?.enabled ?? true,
      defaults: options.rateLimits?.defaults ?? {},
      sharedGroupCounters: options.rateLimits?.sharedGroupCounters ?? true,
      publicPerSecond: options.rateLimits?.publicPerSecond ?? PUBLIC_PER_SECOND,
    },
    tokenLifetimes: { ...DEFAULT_TOKEN_LIFETIMES, ...options.tokenLifetimes },
    processingDelayMs: options.processingDelayMs ?? 20,
    permanentStorageLagMs: options.permanentStorageLagMs ?? 1,
    enforceNipChecksum: options.enforceNipChecksum ?? environment === 'PRD',
  };
}
