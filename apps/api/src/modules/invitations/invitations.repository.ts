import { UserTokenEntity, type UserTokenPurpose } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';

export interface RedeemedToken {
  userId: string;
  tenantId: string | null;
  purpose: UserTokenPurpose;
}

/** One-time tokens (user_tokens) and the password they set; users and tokens are platform-wide tables (no RLS). */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Issues a token and voids the person's earlier unused ones of the same purpose, so only the newest link works. */
  async issue(
    token: { userId: string; tenantId: string | null; purpose: UserTokenPurpose; tokenHash: string; expiresAt: Date },
    now: Date,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.update(
        UserTokenEntity,
        { userId: token.userId, purpose: token.purpose, usedAt: IsNull() },
        { usedAt: now },
      );
      await m.insert(UserTokenEntity, { ...token, usedAt: null });
    });
  }

  /** Whether a still-usable token of this purpose was issued after `since` (to throttle reset e-mails). */
  async issuedSince(userId: string, purpose: UserTokenPurpose, since: Date, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM user_tokens
        WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND created_at > $3 AND expires_at > $4 LIMIT 1`,
      [userId, purpose, since, now],
    );
    return rows.length > 0;
  }

  /**
   * Uses the token and sets the password in one transaction. The token is claimed by a single conditional UPDATE,
   * so two concurrent requests with the same link cannot both succeed. Returns null for unknown/used/expired tokens.
   */
  redeem(tokenHash: string, passwordHash: string, now: Date): Promise<RedeemedToken | null> {
    return this.dataSource.transaction(async (m) => {
      const claimed = await this.claim(m, tokenHash, now);
      if (!claimed) return null;
      await m.query(
        `UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
        [claimed.userId, passwordHash],
      );
      // Every other outstanding link dies with this one, and sessions opened with the old password end.
      await m.query(`UPDATE user_tokens SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [
        claimed.userId,
        now,
      ]);
      await m.query(`DELETE FROM auth_sessions WHERE user_id = $1`, [claimed.userId]);
      return claimed;
    });
  }

  private async claim(m: EntityManager, tokenHash: string, now: Date): Promise<RedeemedToken | null> {
    // On PostgreSQL, TypeORM answers UPDATE ... RETURNING with [rows, affectedCount].
    const [rows] = await m.query<[{ user_id: string; tenant_id: string | null; purpose: UserTokenPurpose }[], number]>(
      `UPDATE user_tokens SET used_at = $2
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING user_id, tenant_id, purpose`,
      [tokenHash, now],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, tenantId: row.tenant_id, purpose: row.purpose } : null;
  }
}
