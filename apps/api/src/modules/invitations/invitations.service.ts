import { type Mailer, type MailMessage } from '@bufor/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { MAILER } from '../../infrastructure/platform.module';
import { PasswordHasher } from '../auth/password-hasher';
import { UserRepository } from '../auth/user.repository';
import { invitationMail, passwordResetMail } from './invitation-mail';
import { hashOneTimeToken, newOneTimeToken } from './invitation-token';
import { InvitationsException } from './invitations.exception';
import { InvitationsRepository, type RedeemedToken } from './invitations.repository';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;
/** At most one reset e-mail per account in this window, so the form cannot be used to flood someone's inbox. */
const RESET_THROTTLE_MS = 60 * 1000;

export interface Invitee {
  id: string;
  email: string;
  displayName: string;
  /** Accounts that already have a password only learn they gained a company; no link is issued. */
  hasPassword: boolean;
}

/** One-time links: invitations into a tenant, password resets, and setting the password from either. */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(MAILER) private readonly mailer: Mailer,
    private readonly tokens: InvitationsRepository,
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** Sends the invitation e-mail of a person just added to a tenant (with a set-password link when needed). */
  async invite(tenant: { id: string; name: string }, invitee: Invitee, now = new Date()): Promise<void> {
    let setPasswordUrl: string | null = null;
    if (!invitee.hasPassword) {
      const { token, hash } = newOneTimeToken();
      await this.tokens.issue(
        {
          userId: invitee.id,
          tenantId: tenant.id,
          purpose: 'invitation',
          tokenHash: hash,
          expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        },
        now,
      );
      setPasswordUrl = this.setPasswordUrl(token);
    }
    await this.send(
      invitationMail({
        to: invitee.email,
        displayName: invitee.displayName,
        tenantName: tenant.name,
        setPasswordUrl,
        loginUrl: `${this.webUrl()}/logowanie`,
      }),
    );
  }

  /**
   * Always resolves the same way whether or not the account exists (no enumeration); the e-mail is sent after the
   * response, so the response time does not tell either.
   */
  requestPasswordReset(email: string, now = new Date()): void {
    void this.sendPasswordReset(email, now).catch((err: unknown) =>
      this.logger.error({ err }, 'password reset e-mail failed'),
    );
  }

  async setPassword(
    token: string,
    password: string,
    client: { ip: string | null; correlationId: string },
    now = new Date(),
  ): Promise<RedeemedToken> {
    // Hashed before the token is looked at, so valid and invalid tokens take the same time.
    const passwordHash = await this.passwords.hash(password);
    const redeemed = await this.tokens.redeem(hashOneTimeToken(token), passwordHash, now);
    if (!redeemed) throw InvitationsException.tokenExpired();
    if (redeemed.tenantId) {
      // The inviting company's log shows when the person accepted; the actor is the person themself.
      await this.audit.record(
        {
          tenant: { id: redeemed.tenantId },
          role: 'user',
          userId: redeemed.userId,
          apiKeyId: null,
          scopes: [],
          ip: client.ip,
          correlationId: client.correlationId,
        },
        { action: 'user.invitation_accepted', targetType: 'user', targetId: redeemed.userId },
      );
    }
    return redeemed;
  }

  private async sendPasswordReset(email: string, now: Date): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.disabledAt) return;
    if (await this.tokens.issuedSince(user.id, 'password_reset', new Date(now.getTime() - RESET_THROTTLE_MS), now))
      return;
    const { token, hash } = newOneTimeToken();
    await this.tokens.issue(
      {
        userId: user.id,
        tenantId: null,
        purpose: 'password_reset',
        tokenHash: hash,
        expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      },
      now,
    );
    await this.mailer.send(passwordResetMail(user.email, user.displayName, this.setPasswordUrl(token)));
  }

  private async send(message: MailMessage): Promise<void> {
    try {
      await this.mailer.send(message);
    } catch (err) {
      this.logger.error({ err }, 'invitation e-mail failed');
      throw InvitationsException.mailUnavailable();
    }
  }

  private webUrl(): string {
    return this.config.PUBLIC_WEB_URL.replace(/\/+$/, '');
  }

  private setPasswordUrl(token: string): string {
    return `${this.webUrl()}/ustaw-haslo?token=${encodeURIComponent(token)}`;
  }
}
