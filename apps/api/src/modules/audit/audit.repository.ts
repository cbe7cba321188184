import { ApiKeyEntity, AuditEventEntity, type TenantRef, TenantScope, UserEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export type NewAuditEvent = Omit<AuditEventEntity, 'id' | 'at' | 'tenantId'>;

export interface AuditEventFilter {
  action?: string;
  actorUserId?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export type AuditEventRow = AuditEventEntity & { actorUserName: string | null; actorApiKeyName: string | null };

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

  /** Newest first, with the actor's current name (person or integration key). */
  page(tenant: TenantRef, filter: AuditEventFilter): Promise<{ rows: AuditEventRow[]; total: number }> {
    return this.scope.run(tenant, async (m) => {
      const query = m
        .createQueryBuilder(AuditEventEntity, 'e')
        .leftJoin(UserEntity, 'u', 'u.id = e.actor_user_id')
        .leftJoin(ApiKeyEntity, 'k', 'k.id = e.actor_api_key_id AND k.tenant_id = e.tenant_id')
        .addSelect('u.display_name', 'actor_user_name')
        .addSelect('k.name', 'actor_api_key_name')
        .where('e.tenant_id = :tenantId', { tenantId: tenant.id });
      if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
      if (filter.actorUserId) query.andWhere('e.actor_user_id = :actor', { actor: filter.actorUserId });
      if (filter.targetType) query.andWhere('e.target_type = :targetType', { targetType: filter.targetType });
      if (filter.from) query.andWhere('e.at >= :from', { from: filter.from });
      if (filter.to) query.andWhere('e.at <= :to', { to: filter.to });
      const total = await query.getCount();
      const { entities, raw } = await query
        .orderBy('e.at', 'DESC')
        .addOrderBy('e.id', 'DESC')
        .offset((filter.page - 1) * filter.pageSize)
        .limit(filter.pageSize)
        .getRawAndEntities<{ actor_user_name: string | null; actor_api_key_name: string | null }>();
      const rows = entities.map((entity, i) =>
        Object.assign(entity, {
          actorUserName: raw[i]?.actor_user_name ?? null,
          actorApiKeyName: raw[i]?.actor_api_key_name ?? null,
        }),
      );
      return { rows, total };
    });
  }
}
