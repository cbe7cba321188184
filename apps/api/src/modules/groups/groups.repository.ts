import { type TenantRef, TenantScope, UserGroupEntity, UserGroupMemberEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { GroupMemberView, GroupView } from './dto/group.dto';

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}

/** Groups and their members; user_groups/user_group_members are under RLS, and the tenant is in every WHERE too. */
@Injectable()
export class GroupsRepository {
  constructor(private readonly scope: TenantScope) {}

  transaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.run(tenant, work);
  }

  list(tenant: TenantRef): Promise<GroupView[]> {
    return this.scope.run(tenant, async (m) => {
      const rows: { id: string; name: string; description: string | null; member_count: number }[] = await m.query(
        `SELECT g.id, g.name, g.description,
                (SELECT count(*)::int FROM user_group_members gm WHERE gm.tenant_id = $1 AND gm.group_id = g.id) AS member_count
           FROM user_groups g WHERE g.tenant_id = $1 ORDER BY lower(g.name)`,
        [tenant.id],
      );
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        description: row.description,
        memberCount: row.member_count,
      }));
    });
  }

  async find(manager: EntityManager, tenant: TenantRef, groupId: string): Promise<GroupView | null> {
    const group = await manager.findOne(UserGroupEntity, { where: { tenantId: tenant.id, id: groupId } });
    if (!group) return null;
    const memberCount = await manager.count(UserGroupMemberEntity, { where: { tenantId: tenant.id, groupId } });
    return { id: group.id, name: group.name, description: group.description, memberCount };
  }

  async create(manager: EntityManager, tenant: TenantRef, name: string, description: string | null): Promise<string> {
    const result = await manager.insert(UserGroupEntity, { tenantId: tenant.id, name, description });
    return (result.identifiers[0] as { id: string }).id;
  }

  async update(
    manager: EntityManager,
    tenant: TenantRef,
    groupId: string,
    change: { name?: string; description?: string | null },
  ): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await manager.update(UserGroupEntity, { tenantId: tenant.id, id: groupId }, change);
  }

  async delete(manager: EntityManager, tenant: TenantRef, groupId: string): Promise<void> {
    await manager.delete(UserGroupEntity, { tenantId: tenant.id, id: groupId });
  }

  members(manager: EntityManager, tenant: TenantRef, groupId: string): Promise<GroupMemberView[]> {
    return manager.query(
      `SELECT u.id, u.email, u.display_name AS "displayName"
         FROM user_group_members gm JOIN users u ON u.id = gm.user_id
        WHERE gm.tenant_id = $1 AND gm.group_id = $2 ORDER BY lower(u.display_name), u.email`,
      [tenant.id, groupId],
    );
  }

  /** A person of this tenant (member through memberships); people of other tenants are not found. */
  async findTenantUser(manager: EntityManager, tenant: TenantRef, userId: string): Promise<GroupMemberView | null> {
    const rows: GroupMemberView[] = await manager.query(
      `SELECT u.id, u.email, u.display_name AS "displayName"
         FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.user_id = $2`,
      [tenant.id, userId],
    );
    return rows[0] ?? null;
  }

  /** True when the person was not in the group yet. */
  async addMember(manager: EntityManager, tenant: TenantRef, groupId: string, userId: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(UserGroupMemberEntity)
      .values({ tenantId: tenant.id, groupId, userId })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** True when the person was in the group. */
  async removeMember(manager: EntityManager, tenant: TenantRef, groupId: string, userId: string): Promise<boolean> {
    const result = await manager.delete(UserGroupMemberEntity, { tenantId: tenant.id, groupId, userId });
    return (result.affected ?? 0) > 0;
  }
}
