import { type KeyObject } from 'node:crypto';
import {
  type AuthenticationInitResponse,
  type AuthenticationListItem,
  type TokenInfo,
} from '../generated/ksef-api.models';
import { KsefAuthError, KsefError, KsefValidationError } from '../http/ksef-errors';
import { type KsefHttpClient } from '../http/ksef-http.client';
import {
  type AllowedIps,
  type ContextIdentifier,
  buildAuthTokenRequestXml,
  checkExternallySignedRequest,
} from '../crypto/auth-token-request';
import { encryptKsefToken } from '../crypto/ksef-crypto';
import { type PublicKeyService } from '../crypto/public-key.service';
import { signXadesEnveloped } from '../crypto/xades-signer';
import { AuthApi } from './auth.api';

/** How the session proves who it is. */
export type KsefCredentials =
  | { kind: 'token'; context: ContextIdentifier; ksefToken: string }
  | {
      kind: 'certificate';
      context: ContextIdentifier;
      certificate: string | Buffer;
      privateKey: string | Buffer | KeyObject;
      subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
      schemaVersion?: '2.0' | '2.1';
      verifyCertificateChain?: boolean;
    }
  /** Tokens already obtained (e.g. by the external-signing flow); cannot re-authenticate by itself. */
  | {
      kind: 'tokens';
      context: ContextIdentifier;
      accessToken: TokenInfo;
      refreshToken: TokenInfo;
      referenceNumber?: string;
    };

export interface KsefSessionOptions {
  /** Refresh the access token this long before it expires (default 60 s); calls meanwhile keep using it. */
  refreshMarginMs?: number;
  /** Below this much validity calls wait for the renewed token instead (default 10 s). */
  refreshFloorMs?: number;
  allowedIps?: AllowedIps;
  /** Max time to wait for authentication status 200 (default 5 min; DEMO/PRD OCSP checks can be slow). */
  authTimeoutMs?: number;
  /** Refetch `/rate-limits` for the context this often (default 1 h); 0 disables. */
  rateLimitRefreshMs?: number;
}

/** The documented context key used for rate-limit counters, e.g. `Nip:5265877635`. */
export function contextKey(context: ContextIdentifier): string {
  return `${context.type}:${context.value}`;
}

interface Tokens {
  access: TokenInfo;
  refresh: TokenInfo;
  referenceNumber?: string;
}

/**
 * An authenticated KSeF context. Authenticates lazily, refreshes the access token before it expires,
 * re-authenticates when the refresh token is gone (token/certificate credentials), and serialises it all so
 * concurrent callers share one login.
 */
export class KsefSession {
  readonly context: ContextIdentifier;
  readonly contextKey: string;
  private readonly auth: AuthApi;
  private tokens?: Tokens;
  private inflight?: Promise<Tokens>;

  constructor(
    private readonly http: KsefHttpClient,
    private readonly publicKeys: PublicKeyService,
    private readonly credentials: KsefCredentials,
    private readonly options: KsefSessionOptions = {},
  ) {
    this.context = credentials.context;
    this.contextKey = contextKey(credentials.context);
    this.auth = new AuthApi(http);
    if (credentials.kind === 'tokens') {
      this.tokens = {
        access: credentials.accessToken,
        refresh: credentials.refreshToken,
        referenceNumber: credentials.referenceNumber,
      };
    }
  }

  /** Reference number of the authentication operation behind the current tokens. */
  get authReferenceNumber(): string | undefined {
    return this.tokens?.referenceNumber;
  }

  /** A valid access token (authenticating or refreshing first when needed). */
  async accessToken(): Promise<string> {
    const now = this.http.clock.now();
    const margin = this.options.refreshMarginMs ?? 60_000;
    const floor = Math.min(margin, this.options.refreshFloorMs ?? 10_000);
    const left = this.tokens ? Date.parse(this.tokens.access.validUntil) - now : Number.NEGATIVE_INFINITY;
    if (this.tokens && left > margin) return this.tokens.access.token;
    this.inflight ??= this.renew().finally(() => {
      this.inflight = undefined;
    });
    // Renewal runs in the background while the current token still has time: sends never stall on a refresh.
    if (this.tokens && left > floor) {
      this.inflight.catch(() => undefined);
      return this.tokens.access.token;
    }
    const tokens = await this.inflight;
    await this.maybeRefreshRateLimits(tokens.access.token);
    return tokens.access.token;
  }

  /** Refresh token, for `DELETE /auth/sessions/current` style calls. */
  get refreshTokenInfo(): TokenInfo | undefined {
    return this.tokens?.refresh;
  }

  /**
   * Runs a call with the access token; when KSeF answers 401 (token revoked or expired early) the token is
   * renewed once and the call repeated. Only 401 is retried: the request was not executed.
   */
  async withAccessToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!(err instanceof KsefAuthError) || err.status !== 401) throw err;
      if (this.tokens?.access.token === token)
        this.tokens = { ...this.tokens, access: { ...this.tokens.access, validUntil: new Date(0).toISOString() } };
      return call(await this.accessToken());
    }
  }

  async listAuthSessions(): Promise<AuthenticationListItem[]> {
    const items: AuthenticationListItem[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.withAccessToken((t) => this.auth.listSessions(t, this.contextKey, 100, continuation));
      items.push(...page.items);
      continuation = page.continuationToken ?? undefined;
    } while (continuation);
    return items;
  }

  async revokeAuthSession(referenceNumber: string): Promise<void> {
    await this.withAccessToken((t) => this.auth.revoke(referenceNumber, t, this.contextKey));
  }

  /** Ends this authentication session: its refresh token stops working. */
  async logout(): Promise<void> {
    const token = await this.accessToken();
    await this.auth.revokeCurrent(token, this.contextKey);
    this.tokens = undefined;
  }

  private async renew(): Promise<Tokens> {
    const now = this.http.clock.now();
    if (this.tokens && Date.parse(this.tokens.refresh.validUntil) > now + 5_000) {
      try {
        const refreshed = await this.auth.refresh(this.tokens.refresh.token);
        this.tokens = { ...this.tokens, access: refreshed.accessToken };
        return this.tokens;
      } catch (err) {
        // Refresh refused (session revoked, token revoked, 401): fall back to a full login when we can.
        if (!(err instanceof KsefAuthError || (err instanceof KsefValidationError && err.hasCode(21301)))) throw err;
        if (this.credentials.kind === 'tokens') {
          throw new KsefAuthError({
            status: err.status,
            message: `Odświeżenie tokenu odrzucone; wymagane ponowne logowanie: ${err.message}`,
            details: err.details,
            correlation: err.correlation,
            cause: err,
          });
        }
      }
    }
    if (this.credentials.kind === 'tokens') {
      throw new KsefAuthError({
        status: 401,
        message: 'Sesja uwierzytelniania wygasła; wymagane ponowne logowanie (np. ponowny podpis żądania).',
      });
    }
    this.tokens = await this.authenticate();
    return this.tokens;
  }

  private async authenticate(): Promise<Tokens> {
    const credentials = this.credentials;
    const challenge = await this.auth.challenge();
    let init: AuthenticationInitResponse;
    if (credentials.kind === 'token') {
      init = await this.publicKeys.withKey('KsefTokenEncryption', (key) =>
        this.auth.ksefToken({
          challenge: challenge.challenge,
          contextIdentifier: credentials.context,
          encryptedToken: encryptKsefToken(credentials.ksefToken, challenge.timestampMs, key.publicKey),
          publicKeyId: key.publicKeyId,
          ...(this.options.allowedIps ? { authorizationPolicy: { allowedIps: this.options.allowedIps } } : {}),
        }),
      );
    } else if (credentials.kind === 'certificate') {
      const xml = buildAuthTokenRequestXml({
        challenge: challenge.challenge,
        context: credentials.context,
        subjectIdentifierType: credentials.subjectIdentifierType,
        allowedIps: this.options.allowedIps,
        version: credentials.schemaVersion,
      });
      const signed = signXadesEnveloped(xml, {
        certificate: credentials.certificate,
        privateKey: credentials.privateKey,
      });
      init = await this.auth.xadesSignature(signed, credentials.verifyCertificateChain);
    } else {
      throw new Error('unreachable');
    }
    return completeAuthentication(this.http, init, this.options.authTimeoutMs);
  }

  private async maybeRefreshRateLimits(accessToken: string): Promise<void> {
    const every = this.options.rateLimitRefreshMs ?? 3_600_000;
    if (every === 0) return;
    const fetchedAt = this.http.policy.fetchedAt(this.contextKey);
    const now = this.http.clock.now();
    if (fetchedAt !== undefined && now - fetchedAt < every) return;
    // Mark first so concurrent callers do not all fetch; failures keep the documented table.
    this.http.policy.update(this.contextKey, {}, now - every + 60_000);
    try {
      const res = await this.http.request<Record<string, { perSecond?: number; perMinute?: number; perHour?: number }>>(
        {
          method: 'GET',
          path: '/rate-limits',
          bearer: accessToken,
          context: this.contextKey,
        },
      );
      this.http.policy.update(this.contextKey, res.data, now);
    } catch (err) {
      if (!(err instanceof KsefError)) throw err;
    }
  }
}

/** Polls the authentication status with backoff until 200, then redeems the tokens. */
export async function completeAuthentication(
  http: KsefHttpClient,
  init: AuthenticationInitResponse,
  timeoutMs = 300_000,
): Promise<Tokens> {
  const auth = new AuthApi(http);
  const started = http.clock.now();
  let delay = 200;
  for (;;) {
    const status = await auth.status(init.referenceNumber, init.authenticationToken.token);
    if (status.status.code === 200) break;
    if (status.status.code !== 100) {
      throw new KsefAuthError({
        status: status.status.code,
        message: `Uwierzytelnienie nieudane (${status.status.code}): ${[status.status.description, ...(status.status.details ?? [])].join(' ')}`,
        description: status.status.description,
        details: [
          { code: status.status.code, description: status.status.description, details: status.status.details ?? [] },
        ],
        correlation: { referenceNumber: init.referenceNumber },
      });
    }
    if (http.clock.now() - started > timeoutMs) {
      throw new KsefAuthError({
        status: 100,
        message: `Uwierzytelnienie ${init.referenceNumber} nie zakończyło się w ${Math.round(timeoutMs / 1000)} s`,
        correlation: { referenceNumber: init.referenceNumber },
      });
    }
    await http.clock.sleep(delay);
    delay = Math.min(5_000, Math.round(delay * 1.5));
  }
  const redeemed = await auth.redeem(init.authenticationToken.token);
  return { access: redeemed.accessToken, refresh: redeemed.refreshToken, referenceNumber: init.referenceNumber };
}

/** First half of the external-signing flow: what the user must sign elsewhere. */
export interface PendingExternalSignature {
  context: ContextIdentifier;
  challenge: string;
  /** Unsigned AuthTokenRequest XML to hand to the signing service. */
  unsignedXml: string;
  /** Challenges live 10 minutes; sign and upload before this. */
  expiresAt: number;
}

export async function startExternalSigning(
  http: KsefHttpClient,
  input: {
    context: ContextIdentifier;
    subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
    allowedIps?: AllowedIps;
    schemaVersion?: '2.0' | '2.1';
  },
): Promise<PendingExternalSignature> {
  const challenge = await new AuthApi(http).challenge();
  return {
    context: input.context,
    challenge: challenge.challenge,
    unsignedXml: buildAuthTokenRequestXml({
      challenge: challenge.challenge,
      context: input.context,
      subjectIdentifierType: input.subjectIdentifierType,
      allowedIps: input.allowedIps,
      version: input.schemaVersion,
    }),
    expiresAt: http.clock.now() + 10 * 60_000,
  };
}

/**
 * Second half: checks the signed file (clear error when unsigned or the untouched original), submits it, waits
 * for the result and returns token credentials for a {@link KsefSession}.
 */
export async function completeExternalSigning(
  http: KsefHttpClient,
  pending: PendingExternalSignature,
  signedFile: Uint8Array | string,
  options: { verifyCertificateChain?: boolean; authTimeoutMs?: number } = {},
): Promise<Extract<KsefCredentials, { kind: 'tokens' }>> {
  checkExternallySignedRequest(signedFile, pending.unsignedXml);
  const init = await new AuthApi(http).xadesSignature(signedFile, options.verifyCertificateChain);
  const tokens = await completeAuthentication(http, init, options.authTimeoutMs);
  return {
    kind: 'tokens',
    context: pending.context,
    accessToken: tokens.access,
    refreshToken: tokens.refresh,
    referenceNumber: tokens.referenceNumber,
  };
}
