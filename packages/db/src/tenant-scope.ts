import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/** The tenant a unit of work belongs to; comes from the guard, never from a request body. */
export interface TenantRef {
  readonly id: string;
}

/**
 * Runs work inside a transaction in which PostgreSQL row-level security sees only one tenant's rows
 * (`bufor.tenant_id` is set for the transaction only, so pooled connections never leak it).
 */
export class TenantScope {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('bufor.tenant_id', $1, true)`, [tenant.id]);
      return work(manager);
    });
  }
}

/**
 * Base of repositories over tables with a `tenantId` column: every method takes the tenant first and puts it in
 * the WHERE of every read, update and delete, so an unscoped query cannot be written through it.
 */
export abstract class TenantRepository<E extends ObjectLiteral & { tenantId: string }> {
  protected constructor(
    protected readonly scope: TenantScope,
    private readonly target: EntityTarget<E>,
  ) {}

  protected where(tenant: TenantRef, where: FindOptionsWhere<E> = {}): FindOptionsWhere<E> {
    return { ...where, tenantId: tenant.id };
  }

  protected findOne(tenant: TenantRef, where: FindOptionsWhere<E>): Promise<E | null> {
    return this.scope.run(tenant, (m) => m.findOne(this.target, { where: this.where(tenant, where) }));
  }

  protected findMany(tenant: TenantRef, where: FindOptionsWhere<E> = {}): Promise<E[]> {
    return this.scope.run(tenant, (m) => m.find(this.target, { where: this.where(tenant, where) }));
  }

  protected count(tenant: TenantRef, where: FindOptionsWhere<E> = {}): Promise<number> {
    return this.scope.run(tenant, (m) => m.count(this.target, { where: this.where(tenant, where) }));
  }

  protected async deleteWhere(tenant: TenantRef, where: FindOptionsWhere<E>): Promise<number> {
    const result = await this.scope.run(tenant, (m) => m.delete(this.target, this.where(tenant, where)));
    return result.affected ?? 0;
  }

  /** Work of several statements in one tenant transaction (RLS applies to all of them). */
  protected transaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.run(tenant, work);
  }
}
