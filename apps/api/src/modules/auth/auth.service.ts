import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { AuthException } from './auth.exception';
import { AuthSessionRepository } from './auth-session.repository';
import { PasswordHasher } from './password-hasher';
import { ApiKeyAuthRepository } from './api-key-auth.repository';
import { apiKeyPrefix, hashApiKey, looksLikeApiKey } from './api-key-token';
import type { ApiKeyPrincipal, Principal, UserPrincipal } from './principal';
import { hashSessionToken, newSessionToken } from './session-token';
import { type MembershipView, UserRepository } from './user.repository';

export interface SessionView {
  user: { id: string; email: string; displayName: string };
  memberships: MembershipView[];
}

export interface LoginResult extends SessionView {
  accessToken: string;
  expiresAt: string;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly users: UserRepository,
    private readonly sessions: AuthSessionRepository,
    private readonly passwords: PasswordHasher,
    private readonly apiKeys: ApiKeyAuthRepository,
  ) {}

  async login(email: string, password: string, client: ClientInfo, now = new Date()): Promise<LoginResult> {
    const user = await this.users.findByEmail(email);
    // Lock-out is checked before the password, so a locked account cannot be brute-forced meanwhile.
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw AuthException.throttled((user.lockedUntil.getTime() - now.getTime()) / 1000);
    }
    const valid = await this.passwords.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) {
      if (user) {
        const lockUntil = new Date(now.getTime() + this.config.AUTH_LOCKOUT_SECONDS * 1000);
        await this.users.recordFailedLogin(user.id, this.config.AUTH_MAX_FAILED_LOGINS, lockUntil);
      }
      throw AuthException.invalidCredentials();
    }
    // Said only after a correct password, so it does not reveal which accounts exist.
    if (user.disabledAt) throw AuthException.accountDisabled();

    await this.users.recordSuccessfulLogin(user.id, now);
    const { token, hash } = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.AUTH_SESSION_TTL_SECONDS * 1000);
    await this.sessions.create({ userId: user.id, tokenHash: hash, expiresAt, ...client });
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, email: user.email, displayName: user.displayName },
      memberships: await this.users.membershipsOf(user.id),
    };
  }

  /** Resolves a bearer token (a person's session or an integration's API key) to its caller, or throws. */
  authenticate(token: string, now = new Date()): Promise<Principal> {
    return looksLikeApiKey(token) ? this.authenticateApiKey(token, now) : this.authenticateSession(token, now);
  }

  private async authenticateApiKey(key: string, now: Date): Promise<ApiKeyPrincipal> {
    const prefix = apiKeyPrefix(key);
    const stored = prefix ? await this.apiKeys.findByPrefix(prefix) : null;
    const presented = Buffer.from(hashApiKey(key));
    if (!stored || !timingSafeEqual(presented, Buffer.from(stored.keyHash))) throw AuthException.invalidApiKey();
    if (stored.revokedAt || (stored.expiresAt && stored.expiresAt <= now)) throw AuthException.invalidApiKey();
    await this.apiKeys.touch(stored.tenantId, stored.id, now);
    return { kind: 'apiKey', apiKeyId: stored.id, tenantId: stored.tenantId, scopes: stored.scopes };
  }

  private async authenticateSession(token: string, now: Date): Promise<UserPrincipal> {
    const session = await this.sessions.findActiveByTokenHash(hashSessionToken(token));
    if (!session?.user) throw AuthException.unauthenticated();
    if (session.expiresAt <= now) throw AuthException.sessionExpired();
    if (session.user.disabledAt) throw AuthException.accountDisabled();
    // Coarse last-seen: at most one write a minute per session.
    if (!session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.sessions.touch(session.id, now);
    }
    return { kind: 'user', userId: session.userId, sessionId: session.id, email: session.user.email };
  }

  async me(principal: UserPrincipal): Promise<SessionView> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw AuthException.unauthenticated();
    return {
      user: { id: user.id, email: user.email, displayName: user.displayName },
      memberships: await this.users.membershipsOf(user.id),
    };
  }

  logout(principal: UserPrincipal, now = new Date()): Promise<void> {
    return this.sessions.revoke(principal.sessionId, now);
  }
}
