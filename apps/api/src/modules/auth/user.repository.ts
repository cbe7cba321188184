import { MembershipEntity, type MembershipRole, UserEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface MembershipView {
  tenantId: string;
  tenantName: string;
  nip: string;
  slug: string;
  role: MembershipRole;
}

/** Users are platform-wide (one person, several tenants); tenant data is reached only through memberships. */
@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { email: email.toLowerCase() } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { id } });
  }

  async recordFailedLogin(userId: string, maxFailures: number, lockUntil: Date): Promise<void> {
    // One statement, so concurrent failures cannot under-count.
    await this.dataSource.query(
      `UPDATE users SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
       WHERE id = $1`,
      [userId, maxFailures, lockUntil],
    );
  }

  async recordSuccessfulLogin(userId: string, at: Date): Promise<void> {
    await this.dataSource
      .getRepository(UserEntity)
      .update({ id: userId }, { failedLogins: 0, lockedUntil: null, lastLoginAt: at });
  }

  async membershipsOf(userId: string): Promise<MembershipView[]> {
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .find({ where: { userId }, relations: { tenant: true }, order: { createdAt: 'ASC' } });
    return rows.map((row) => ({
      tenantId: row.tenantId,
      tenantName: row.tenant!.name,
      nip: row.tenant!.nip,
      slug: row.tenant!.slug,
      role: row.role,
    }));
  }
}
