import type { KsefEnvironmentName } from '@bufor/db';
import {
  KSEF_DEMO,
  KSEF_PRD,
  KSEF_TEST,
  KsefClient,
  type KsefApi,
  type KsefCredentials,
  type KsefEnvironment,
  type KsefSession,
  type PendingExternalSignature,
  RedisRateLimiter,
  simulatorEnvironment,
} from '@bufor/ksef-client';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { REDIS } from '../../infrastructure/redis.module';
import type { CredentialSecret } from './credential-secret';

/** A connection test never waits as long as a background login may (DEMO/PRD OCSP checks). */
const TEST_AUTH_TIMEOUT_MS = 60_000;
const SESSION_OPTIONS = { authTimeoutMs: TEST_AUTH_TIMEOUT_MS, rateLimitRefreshMs: 0 } as const;

export interface KsefLogin {
  environment: KsefEnvironmentName;
  nip: string;
  secret: CredentialSecret;
}

/**
 * The API's only door to KSeF (through packages/ksef-client): one client per environment, sharing the Redis rate
 * limiter with the worker so together they stay within KSeF's limits.
 */
@Injectable()
export class KsefGateway {
  private readonly clients = new Map<KsefEnvironmentName, KsefClient>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Signs in for real; resolves when KSeF issued tokens, then ends that authentication session. */
  async testLogin(login: KsefLogin): Promise<void> {
    const client = this.client(login.environment);
    const session = this.session(client, login);
    if (login.secret.kind === 'external_signature') {
      // Stored tokens do not prove anything by themselves: a call KSeF must accept (refreshing when needed) does.
      await session.listAuthSessions();
      return;
    }
    await session.accessToken();
    await session.logout().catch(() => undefined);
  }

  async listTokens(login: KsefLogin): Promise<KsefApi.QueryTokensResponseItem[]> {
    const client = this.client(login.environment);
    return client.tokens(this.session(client, login)).list();
  }

  async listCertificates(login: KsefLogin): Promise<KsefApi.CertificateListItem[]> {
    const client = this.client(login.environment);
    return client.certificates(this.session(client, login)).query();
  }

  startExternalSigning(environment: KsefEnvironmentName, nip: string): Promise<PendingExternalSignature> {
    return this.client(environment).startExternalSigning({ context: { type: 'Nip', value: nip } });
  }

  /** Submits the signed AuthTokenRequest; the tokens it yields become the tenant's credential. */
  async completeExternalSigning(
    environment: KsefEnvironmentName,
    pending: PendingExternalSignature,
    signedXml: string,
  ): Promise<Extract<CredentialSecret, { kind: 'external_signature' }>> {
    const client = this.client(environment);
    const session = await client.completeExternalSigning(pending, signedXml, { authTimeoutMs: TEST_AUTH_TIMEOUT_MS });
    // The session was built from tokens: accessToken() returns them without another request.
    const accessToken = await session.accessToken();
    const refresh = session.refreshTokenInfo;
    if (!refresh) throw new Error('KSeF session without a refresh token');
    return {
      kind: 'external_signature',
      // The client does not expose the access token's expiry; marking it expired makes the next use refresh it.
      accessToken: { token: accessToken, validUntil: new Date(0).toISOString() },
      refreshToken: refresh,
      referenceNumber: session.authReferenceNumber,
    };
  }

  private session(client: KsefClient, login: KsefLogin): KsefSession {
    return client.login(credentialsFor(login), SESSION_OPTIONS);
  }

  private client(name: KsefEnvironmentName): KsefClient {
    let client = this.clients.get(name);
    if (!client) {
      client = new KsefClient({
        environment: this.environment(name),
        limiter: new RedisRateLimiter(this.redis, { keyPrefix: `${this.config.REDIS_KEY_PREFIX}:ksef` }),
        timeoutMs: 30_000,
        maxRetries: 1,
      });
      this.clients.set(name, client);
    }
    return client;
  }

  private environment(name: KsefEnvironmentName): KsefEnvironment {
    switch (name) {
      case 'SIM':
        return simulatorEnvironment(this.config.KSEF_SIM_URL);
      case 'TEST':
        return KSEF_TEST;
      case 'DEMO':
        return KSEF_DEMO;
      case 'PRD':
        return KSEF_PRD;
    }
  }
}

function credentialsFor(login: KsefLogin): KsefCredentials {
  const context = { type: 'Nip' as const, value: login.nip };
  const secret = login.secret;
  switch (secret.kind) {
    case 'token':
      return { kind: 'token', context, ksefToken: secret.token };
    case 'certificate':
      return { kind: 'certificate', context, certificate: secret.certificatePem, privateKey: secret.privateKeyPem };
    case 'external_signature':
      return {
        kind: 'tokens',
        context,
        accessToken: secret.accessToken,
        refreshToken: secret.refreshToken,
        referenceNumber: secret.referenceNumber,
      };
  }
}
