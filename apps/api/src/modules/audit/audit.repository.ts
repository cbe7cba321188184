import { AuditEventEntity, type TenantRef, TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'at' | 'tenantId'>;

@Injectable()
export class AuditRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Inside the caller's transaction when given one, so the event and the change commit together. */
  async append(tenant: TenantRef, event: NewAuditEvent, manager?: EntityManager): Promise<void> {
    // jsonb columns hold arbitrary JSON, which TypeORM's deep-partial type cannot express.
    const row = { ...event, tenantId: tenant.id } as QueryDeepPartialEntity<AuditEventEntity>;
    if (manager) await manager.insert(AuditEventEntity, row);
    else await this.scope.run(tenant, (m) => m.insert(AuditEventEntity, row));
  }
}
