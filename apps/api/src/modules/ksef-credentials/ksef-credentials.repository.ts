import { KsefCredentialEntity, TenantEntity, TenantRepository, type TenantRef, TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type CredentialValues = Pick<KsefCredentialEntity, 'method' | 'secretEnvelope' | 'details' | 'expiresAt'>;
export type TenantKsefFacts = Pick<TenantEntity, 'id' | 'nip' | 'plan' | 'ksefEnvironment'>;

@Injectable()
export class KsefCredentialsRepository extends TenantRepository<KsefCredentialEntity> {
  constructor(
    scope: TenantScope,
    private readonly dataSource: DataSource,
  ) {
    super(scope, KsefCredentialEntity);
  }

  async tenantFacts(tenant: TenantRef): Promise<TenantKsefFacts | null> {
    return this.dataSource
      .getRepository(TenantEntity)
      .findOne({ where: { id: tenant.id }, select: { id: true, nip: true, plan: true, ksefEnvironment: true } });
  }

  find(tenant: TenantRef): Promise<KsefCredentialEntity | null> {
    return this.findOne(tenant, {});
  }

  /**
   * Replaces the tenant's credential (one per tenant) and runs `then` with the previous one in the same
   * transaction, so the audit event commits with the change.
   */
  replace(
    tenant: TenantRef,
    values: CredentialValues,
    succeededAt: Date | null,
    then: (before: KsefCredentialEntity | null, id: string, m: EntityManager) => Promise<void>,
  ): Promise<void> {
    return this.transaction(tenant, async (m) => {
      const before = await m.findOne(KsefCredentialEntity, {
        where: this.where(tenant),
        lock: { mode: 'pessimistic_write' },
      });
      // A new credential starts with a clean panel; one that just logged in (external signing) starts as a success.
      const fresh = { ...values, lastSuccessAt: succeededAt, lastError: null, lastErrorAt: null };
      let id = before?.id;
      if (id) await m.update(KsefCredentialEntity, this.where(tenant, { id }), fresh);
      else id = String((await m.insert(KsefCredentialEntity, { ...fresh, tenantId: tenant.id })).identifiers[0]!['id']);
      await then(before, id, m);
    });
  }

  /** Removes the credential; `then` sees what was removed (null: there was none, nothing happens). */
  remove(tenant: TenantRef, then: (before: KsefCredentialEntity, m: EntityManager) => Promise<void>): Promise<boolean> {
    return this.transaction(tenant, async (m) => {
      const before = await m.findOne(KsefCredentialEntity, {
        where: this.where(tenant),
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) return false;
      await m.delete(KsefCredentialEntity, this.where(tenant, { id: before.id }));
      await then(before, m);
      return true;
    });
  }

  /** The outcome of a real use, for the connection panel; `then` records the audit event alongside. */
  recordOutcome(
    tenant: TenantRef,
    id: string,
    outcome: { at: Date; error: string | null } | null,
    then: (m: EntityManager) => Promise<void>,
  ): Promise<void> {
    return this.transaction(tenant, async (m) => {
      if (!outcome) return then(m);
      const values = outcome.error
        ? { lastError: outcome.error.slice(0, 2000), lastErrorAt: outcome.at }
        : { lastSuccessAt: outcome.at, lastError: null, lastErrorAt: null };
      await m.update(KsefCredentialEntity, this.where(tenant, { id }), values);
      await then(m);
    });
  }

  /** Every tenant id (tenants are not a tenant table): the master key rotation walks them one by one. */
  async allTenantIds(): Promise<string[]> {
    const rows = await this.dataSource.getRepository(TenantEntity).find({ select: { id: true }, order: { id: 'ASC' } });
    return rows.map((row) => row.id);
  }

  /** Re-seals the tenant's envelope inside one transaction holding the row lock; false when it has none. */
  reseal(tenant: TenantRef, reseal: (envelope: string) => Promise<string>): Promise<boolean> {
    return this.transaction(tenant, async (m) => {
      const row = await m.findOne(KsefCredentialEntity, {
        where: this.where(tenant),
        lock: { mode: 'pessimistic_write' },
      });
      if (!row?.secretEnvelope) return false;
      const envelope = await reseal(row.secretEnvelope);
      await m.update(KsefCredentialEntity, this.where(tenant, { id: row.id }), { secretEnvelope: envelope });
      return true;
    });
  }
}
