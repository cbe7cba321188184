import { CertificatesApi } from './admin/certificates.api';
import { LimitsApi } from './admin/limits.api';
import { TokensApi } from './admin/tokens.api';
import { AuthApi } from './auth/auth.api';
import {
  completeExternalSigning,
  KsefSession,
  startExternalSigning,
  type KsefCredentials,
  type KsefSessionOptions,
  type PendingExternalSignature,
} from './auth/ksef-session';
import { type AllowedIps, type ContextIdentifier } from './crypto/auth-token-request';
import { PublicKeyService } from './crypto/public-key.service';
import { KsefHttpClient, type KsefHttpOptions } from './http/ksef-http.client';
import { exportSync, type ExportSyncItem, type ExportSyncOptions } from './retrieval/export-sync';
import { incrementalSync, type SyncCursor, type SyncItem, type SyncOptions } from './retrieval/incremental-sync';
import { InvoiceExports } from './retrieval/invoice-export';
import { InvoicesApi } from './retrieval/invoices.api';
import { BatchSessions } from './sessions/batch-session';
import { OnlineDrain, type OnlineDrainOptions } from './sessions/online-drain';
import { OnlineSessions } from './sessions/online-session';
import { SessionStatusApi } from './sessions/session-status.api';

export type KsefClientOptions = KsefHttpOptions & {
  /** How long the public key list is cached (default 1 h). */
  publicKeyTtlMs?: number;
};

/**
 * Entry point: one per process and environment. Share the limiter (e.g. a `RedisRateLimiter`) between all
 * processes of a deployment so together they stay within KSeF's limits.
 *
 * ```ts
 * const ksef = new KsefClient({ environment: KSEF_TEST });
 * const session = ksef.login({ kind: 'token', context: { type: 'Nip', value: nip }, ksefToken });
 * const online = await ksef.online(session).open();
 * const sent = await online.send(xmlBytes);
 * ```
 */
export class KsefClient {
  readonly http: KsefHttpClient;
  readonly publicKeys: PublicKeyService;
  readonly auth: AuthApi;

  constructor(options: KsefClientOptions) {
    this.http = new KsefHttpClient(options);
    this.publicKeys = new PublicKeyService(this.http, options.publicKeyTtlMs);
    this.auth = new AuthApi(this.http);
  }

  /** An authenticated context; authentication happens on first use. */
  login(credentials: KsefCredentials, options?: KsefSessionOptions): KsefSession {
    return new KsefSession(this.http, this.publicKeys, credentials, options);
  }

  /** External signing, step 1: the unsigned AuthTokenRequest XML to sign elsewhere. */
  startExternalSigning(input: {
    context: ContextIdentifier;
    subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
    allowedIps?: AllowedIps;
    schemaVersion?: '2.0' | '2.1';
  }): Promise<PendingExternalSignature> {
    return startExternalSigning(this.http, input);
  }

  /** External signing, step 2: submit the signed file and get a session. */
  async completeExternalSigning(
    pending: PendingExternalSignature,
    signedFile: Uint8Array | string,
    options: KsefSessionOptions & { verifyCertificateChain?: boolean } = {},
  ): Promise<KsefSession> {
    const credentials = await completeExternalSigning(this.http, pending, signedFile, options);
    return this.login(credentials, options);
  }

  online(session: KsefSession): OnlineSessions {
    return new OnlineSessions(this.http, session, this.publicKeys);
  }

  /** Interactive sending of many invoices at the permitted rate, across as many sessions as needed. */
  drain(session: KsefSession, options?: OnlineDrainOptions): OnlineDrain {
    return new OnlineDrain(this.online(session), this.http.clock, options);
  }

  batch(session: KsefSession): BatchSessions {
    return new BatchSessions(this.http, session, this.publicKeys);
  }

  sessions(session: KsefSession): SessionStatusApi {
    return new SessionStatusApi(this.http, session);
  }

  invoices(session: KsefSession): InvoicesApi {
    return new InvoicesApi(this.http, session);
  }

  exports(session: KsefSession): InvoiceExports {
    return new InvoiceExports(this.http, session, this.publicKeys);
  }

  /** Incremental sync iterator (see {@link incrementalSync}). */
  sync(session: KsefSession, cursor: SyncCursor, options?: SyncOptions): AsyncGenerator<SyncItem, SyncCursor> {
    return incrementalSync(this.invoices(session), cursor, { now: () => this.http.clock.now(), ...options });
  }

  /** Incremental sync through exports, invoices with their XML (see {@link exportSync}); same cursor as `sync`. */
  syncByExports(
    session: KsefSession,
    cursor: SyncCursor,
    options?: ExportSyncOptions,
  ): AsyncGenerator<ExportSyncItem, SyncCursor> {
    return exportSync(this.exports(session), cursor, { now: () => this.http.clock.now(), ...options });
  }

  tokens(session: KsefSession): TokensApi {
    return new TokensApi(this.http, session);
  }

  certificates(session: KsefSession): CertificatesApi {
    return new CertificatesApi(this.http, session);
  }

  limits(session: KsefSession): LimitsApi {
    return new LimitsApi(this.http, session);
  }
}
