import { ApiKeyEntity, TenantRepository, type TenantRef, TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type NewApiKey = Pick<ApiKeyEntity, 'name' | 'prefix' | 'keyHash' | 'scopes' | 'createdBy' | 'expiresAt'>;

@Injectable()
export class ApiKeysRepository extends TenantRepository<ApiKeyEntity> {
  constructor(scope: TenantScope) {
    super(scope, ApiKeyEntity);
  }

  list(tenant: TenantRef): Promise<ApiKeyEntity[]> {
    return this.scope.run(tenant, (m) =>
      m.find(ApiKeyEntity, { where: this.where(tenant), order: { createdAt: 'DESC', id: 'ASC' } }),
    );
  }

  /** Inserts and hands the row to `then` inside the same tenant transaction (for the audit event). */
  create<T>(tenant: TenantRef, key: NewApiKey, then: (row: ApiKeyEntity, m: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(tenant, async (m) => {
      const row = await m.save(ApiKeyEntity, m.create(ApiKeyEntity, { ...key, tenantId: tenant.id }));
      return then(row, m);
    });
  }

  /** Locks the key row, lets `work` decide and change it inside one tenant transaction. */
  withLockedKey<T>(
    tenant: TenantRef,
    id: string,
    work: (row: ApiKeyEntity | null, m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.transaction(tenant, async (m) => {
      const row = await m.findOne(ApiKeyEntity, {
        where: this.where(tenant, { id }),
        lock: { mode: 'pessimistic_write' },
      });
      return work(row, m);
    });
  }

  async markRevoked(tenant: TenantRef, id: string, at: Date, m: EntityManager): Promise<void> {
    await m.update(ApiKeyEntity, this.where(tenant, { id }), { revokedAt: at });
  }
}
