import { randomBytes } from 'node:crypto';
import { type TenantEntity, UserGroupEntity, UserGroupMemberEntity } from '@bufor/db';
import type { DataSource } from 'typeorm';

/** A group of a tenant with the given members (who must already be members of the tenant). */
export async function newGroup(
  db: DataSource,
  options: { tenant: TenantEntity; name?: string; description?: string | null; members?: { id: string }[] },
): Promise<UserGroupEntity> {
  const group = await db.getRepository(UserGroupEntity).save({
    tenantId: options.tenant.id,
    name: options.name ?? `Grupa ${randomBytes(3).toString('hex')}`,
    description: options.description ?? null,
  });
  for (const member of options.members ?? []) {
    await db
      .getRepository(UserGroupMemberEntity)
      .insert({ tenantId: options.tenant.id, groupId: group.id, userId: member.id });
  }
  return group;
}

/** Makes an existing account a platform operator (who creates tenants). */
export async function makePlatformOperator(db: DataSource, user: { id: string }): Promise<void> {
  await db.query('UPDATE users SET is_platform_operator = true WHERE id = $1', [user.id]);
}
