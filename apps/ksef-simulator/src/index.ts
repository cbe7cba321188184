export { createSimulator, type Simulator } from './simulator';
export type { SimulatorOptions, KsefEnvironment } from './simulator-options';
export { SimClock, type Clock } from './core/clock';
export type { RouteModule, SimulatorContext } from './simulator-context';
export { PRODUCTION_RATE_LIMITS, RATE_LIMIT_GROUPS, type RateLimitTable } from './core/rate-limits';
