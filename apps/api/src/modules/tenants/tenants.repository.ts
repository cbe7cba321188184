import { MembershipEntity, TenantEntity, type TenantRef, TenantScope, UserEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, ILike, QueryFailedError } from 'typeorm';

export type TenantChange = Partial<
  Pick<
    TenantEntity,
    | 'name'
    | 'registeredAddress'
    | 'correspondenceAddress'
    | 'eori'
    | 'taxpayerStatus'
    | 'contactEmail'
    | 'ksefEnvironment'
  >
>;

export type NewTenant = Pick<
  TenantEntity,
  | 'nip'
  | 'name'
  | 'slug'
  | 'plan'
  | 'contactEmail'
  | 'registeredAddress'
  | 'correspondenceAddress'
  | 'eori'
  | 'taxpayerStatus'
>;

/** Which unique column a failed insert hit, or null when it was something else. */
export function uniqueViolationOf(error: unknown): 'nip' | 'slug' | 'email' | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; detail?: string };
  if (driverError.code !== '23505') return null;
  const column = /^Key \((\w+)\)/.exec(driverError.detail ?? '')?.[1];
  return column === 'nip' || column === 'slug' || column === 'email' ? column : null;
}

/** Tenants are the directory of companies (not under RLS); the audit trail of a tenant is, hence TenantScope. */
@Injectable()
export class TenantsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
  ) {}

  findCurrent(tenant: TenantRef): Promise<TenantEntity | null> {
    return this.dataSource.getRepository(TenantEntity).findOne({ where: { id: tenant.id } });
  }

  /** Reads the tenant for update, applies the change and runs `then` (the audit) in the same tenant transaction. */
  update<T>(
    tenant: TenantRef,
    decide: (current: TenantEntity) => TenantChange,
    then: (before: TenantEntity, after: TenantEntity, manager: EntityManager) => Promise<T>,
  ): Promise<T | null> {
    return this.scope.run(tenant, async (m) => {
      const before = await m.findOne(TenantEntity, { where: { id: tenant.id }, lock: { mode: 'pessimistic_write' } });
      if (!before) return null;
      const change = decide(before);
      if (Object.keys(change).length > 0) {
        await m.update(TenantEntity, { id: tenant.id }, change);
      }
      const after = (await m.findOne(TenantEntity, { where: { id: tenant.id } }))!;
      return then(before, after, m);
    });
  }

  async nipExists(nip: string): Promise<boolean> {
    return this.dataSource.getRepository(TenantEntity).exists({ where: { nip } });
  }

  async slugExists(slug: string): Promise<boolean> {
    return this.dataSource.getRepository(TenantEntity).exists({ where: { slug } });
  }

  /**
   * Creates the tenant (a trigger adds its system folder) and its owner's membership; `then` runs in the same
   * transaction with the new tenant set for RLS, so the audit event commits with the tenant.
   */
  create<T>(
    input: NewTenant,
    owner: { email: string; displayName: string },
    then: (tenant: TenantEntity, owner: UserEntity, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      const tenant = await m.save(TenantEntity, m.create(TenantEntity, input));
      await m.query(`SELECT set_config('bufor.tenant_id', $1, true)`, [tenant.id]);
      const user =
        (await m.findOne(UserEntity, { where: { email: owner.email } })) ??
        (await m.save(UserEntity, m.create(UserEntity, { email: owner.email, displayName: owner.displayName })));
      await m.insert(MembershipEntity, { tenantId: tenant.id, userId: user.id, role: 'owner', disabledAt: null });
      return then(tenant, user, m);
    });
  }

  list(page: number, pageSize: number, q?: string): Promise<[TenantEntity[], number]> {
    const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = like ? [{ name: ILike(like) }, { nip: ILike(like) }, { slug: ILike(like) }] : {};
    return this.dataSource.getRepository(TenantEntity).findAndCount({
      where,
      order: { name: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }
}
