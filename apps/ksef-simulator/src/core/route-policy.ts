import type { Permission } from '../domain/permissions';
import type { RateLimitGroup } from './rate-limits';

/** Which bearer token an endpoint takes (SPEC-NOTES §4.7). */
export type BearerKind = 'none' | 'authentication' | 'access' | 'refresh' | 'accessOrRefresh';

/**
 * Declared on every KSeF route as `config: { ksef: { ... } }`. The request guard reads it to authenticate,
 * rate-limit, check permissions and attribute stats/logs, so handlers contain only the endpoint's logic.
 */
export interface RoutePolicy {
  /** Rate-limit group; 'public' = 60 req/s per IP; 'unlimited' = pre-signed storage URLs. */
  group: RateLimitGroup | 'public' | 'unlimited';
  auth: BearerKind;
  /** At least one of these is required (403 missing-permissions otherwise). */
  anyOf?: Permission[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    ksef?: RoutePolicy;
  }
}
