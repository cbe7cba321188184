import {
  type EffectiveApiRateLimits,
  type EffectiveContextLimits,
  type EffectiveSubjectLimits,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { authed } from './admin-request';

/** `/limits/*` and `/rate-limits`. */
export class LimitsApi {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
  ) {}

  context(): Promise<EffectiveContextLimits> {
    return authed(this.http, this.session, { method: 'GET', path: '/limits/context' });
  }

  subject(): Promise<EffectiveSubjectLimits> {
    return authed(this.http, this.session, { method: 'GET', path: '/limits/subject' });
  }

  /** Current API rate limits of the context; also updates the limiter's policy. */
  async rateLimits(): Promise<EffectiveApiRateLimits> {
    const limits = await authed<EffectiveApiRateLimits>(this.http, this.session, {
      method: 'GET',
      path: '/rate-limits',
    });
    this.http.policy.update(this.session.contextKey, { ...limits }, this.http.clock.now());
    return limits;
  }
}
