import { MembershipEntity, type MembershipRole, TenantEntity, UserEntity } from '@bufor/db';
import type { ObjectStore } from '@bufor/platform';
import type { DataSource } from 'typeorm';
import { seedDemoDocuments } from './demo-documents';

export const DEMO_TENANT = { nip: '1234563218', slug: 'demo', name: 'Demo Handel Sp. z o.o.', plan: 'demo' } as const;

export interface DemoPerson {
  email: string;
  displayName: string;
  role: MembershipRole;
  passwordHash: string;
}

/**
 * Creates or refreshes the demo tenant and its people. Idempotent: a second run updates passwords and roles
 * instead of duplicating anything. With an object store, demo invoices also get their FA(3) XML.
 */
export async function seedDemo(
  dataSource: DataSource,
  people: DemoPerson[],
  store?: ObjectStore,
): Promise<TenantEntity> {
  return dataSource.transaction(async (manager) => {
    await manager.upsert(TenantEntity, { ...DEMO_TENANT }, ['nip']);
    const tenant = await manager.findOneByOrFail(TenantEntity, { nip: DEMO_TENANT.nip });
    for (const person of people) {
      await manager.upsert(
        UserEntity,
        {
          email: person.email.toLowerCase(),
          displayName: person.displayName,
          passwordHash: person.passwordHash,
          disabledAt: null,
          failedLogins: 0,
          lockedUntil: null,
        },
        ['email'],
      );
      const user = await manager.findOneByOrFail(UserEntity, { email: person.email.toLowerCase() });
      await manager.upsert(MembershipEntity, { tenantId: tenant.id, userId: user.id, role: person.role }, [
        'tenantId',
        'userId',
      ]);
    }
    await seedDemoDocuments(manager, tenant, store);
    return tenant;
  });
}
