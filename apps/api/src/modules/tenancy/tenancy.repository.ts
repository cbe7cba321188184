import { MembershipEntity, type MembershipRole, TenantEntity, UserEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';

/** Directory look-ups done before a tenant is established (tenants, memberships are not under row-level security). */
@Injectable()
export class TenancyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async tenantIdBySlug(slug: string): Promise<string | null> {
    const tenant = await this.dataSource.getRepository(TenantEntity).findOne({ where: { slug }, select: { id: true } });
    return tenant?.id ?? null;
  }

  async activeRole(tenantId: string, userId: string): Promise<MembershipRole | null> {
    const membership = await this.dataSource
      .getRepository(MembershipEntity)
      .findOne({ where: { tenantId, userId, disabledAt: IsNull() }, select: { role: true } });
    return membership?.role ?? null;
  }

  async activeTenantIds(userId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(MembershipEntity)
      .find({ where: { userId, disabledAt: IsNull() }, select: { tenantId: true } });
    return rows.map((row) => row.tenantId);
  }

  async isPlatformOperator(userId: string): Promise<boolean> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, select: { isPlatformOperator: true } });
    return user?.isPlatformOperator === true;
  }
}
