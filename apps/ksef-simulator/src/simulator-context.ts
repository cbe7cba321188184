import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { SimClock } from './core/clock';
import type { FaultInjector } from './core/faults';
import type { PresignedUrls } from './core/presigned-urls';
import type { RateLimiter } from './core/rate-limiter';
import type { Scheduler } from './core/scheduler';
import type { StatsRecorder } from './core/stats';
import type { SimulatorStore } from './core/store';
import type { SimulatorKeys } from './crypto/simulator-keys';
import type { TokenIssuer } from './services/token-issuer';
import type { XmlToolkit } from './xml/xml-toolkit';
import type { ResolvedSimulatorOptions } from './simulator-options';

/** Everything a route module may use; passed explicitly to `register`, never imported as a singleton. */
export interface SimulatorContext {
  options: ResolvedSimulatorOptions;
  clock: SimClock;
  store: SimulatorStore;
  keys: SimulatorKeys;
  tokens: TokenIssuer;
  rateLimiter: RateLimiter;
  faults: FaultInjector;
  stats: StatsRecorder;
  urls: PresignedUrls;
  scheduler: Scheduler;
  xml: XmlToolkit;
  log: FastifyBaseLogger;
  /** Base URL (scheme://host[:port]) for links the API returns, from options or the request's Host. */
  baseUrl(request: FastifyRequest): string;
}

/**
 * The route-module convention: one file per endpoint group under src/routes/, exporting a RouteModule.
 * `register` adds routes to `app`, which is already prefixed with `/v2` for KSeF modules (`scope: 'ksef'`)
 * or sits at the server root for the control API and storage (`scope: 'root'`).
 */
export interface RouteModule {
  name: string;
  scope: 'ksef' | 'root';
  register(app: FastifyInstance, ctx: SimulatorContext): void;
}
