import { TenantEntity, type TenantRef } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class TenantsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findCurrent(tenant: TenantRef): Promise<TenantEntity | null> {
    return this.dataSource.getRepository(TenantEntity).findOne({ where: { id: tenant.id } });
  }
}
