import { AuthSessionEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';

@Injectable()
export class AuthSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  create(
    session: Pick<AuthSessionEntity, 'userId' | 'tokenHash' | 'expiresAt' | 'userAgent' | 'ip'>,
  ): Promise<AuthSessionEntity> {
    return this.dataSource.getRepository(AuthSessionEntity).save(session);
  }

  findActiveByTokenHash(tokenHash: string): Promise<AuthSessionEntity | null> {
    return this.dataSource
      .getRepository(AuthSessionEntity)
      .findOne({ where: { tokenHash, revokedAt: IsNull() }, relations: { user: true } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(AuthSessionEntity).update({ id }, { lastSeenAt: at });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(AuthSessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }
}
