import {
  type GenerateTokenResponse,
  type QueryTokensResponse,
  type QueryTokensResponseItem,
  type TokenPermissionType,
  type TokenStatusResponse,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { authed } from './admin-request';

export interface TokenListFilters {
  status?: ('Pending' | 'Active' | 'Revoking' | 'Revoked' | 'Failed')[];
  description?: string;
  authorIdentifier?: string;
  authorIdentifierType?: 'Nip' | 'Pesel' | 'Fingerprint';
  pageSize?: number;
}

/** KSeF tokens (long-lived API credentials). */
export class TokensApi {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
  ) {}

  /** Generates a token; the secret is returned only here. Poll {@link waitUntilActive} before using it. */
  generate(permissions: TokenPermissionType[], description: string): Promise<GenerateTokenResponse> {
    return authed(this.http, this.session, { method: 'POST', path: '/tokens', json: { permissions, description } });
  }

  get(referenceNumber: string): Promise<TokenStatusResponse> {
    return authed(this.http, this.session, {
      method: 'GET',
      path: '/tokens/{referenceNumber}',
      params: { referenceNumber },
    });
  }

  async list(filters: TokenListFilters = {}): Promise<QueryTokensResponseItem[]> {
    const { pageSize = 100, ...query } = filters;
    const all: QueryTokensResponseItem[] = [];
    let continuation: string | undefined;
    do {
      const page: QueryTokensResponse = await authed(this.http, this.session, {
        method: 'GET',
        path: '/tokens',
        query: { ...query, pageSize },
        headers: continuation ? { 'x-continuation-token': continuation } : {},
      });
      all.push(...page.tokens);
      continuation = page.continuationToken ?? undefined;
    } while (continuation);
    return all;
  }

  revoke(referenceNumber: string): Promise<void> {
    return authed(this.http, this.session, {
      method: 'DELETE',
      path: '/tokens/{referenceNumber}',
      params: { referenceNumber },
      responseType: 'none',
    });
  }

  async waitUntilActive(referenceNumber: string, timeoutMs = 120_000): Promise<TokenStatusResponse> {
    const started = this.http.clock.now();
    let delay = 250;
    for (;;) {
      const token = await this.get(referenceNumber);
      if (token.status !== 'Pending' || this.http.clock.now() - started > timeoutMs) return token;
      await this.http.clock.sleep(delay);
      delay = Math.min(5_000, Math.round(delay * 1.5));
    }
  }
}
