import { MembershipEntity, type MembershipRole, type TenantRef, TenantScope, UserEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { UsersException } from './users.exception';

/** A person as a member of one tenant. */
export interface MemberRow {
  id: string;
  email: string;
  displayName: string;
  role: MembershipRole;
  hasPassword: boolean;
  /** Disabled in this tenant, or the whole account disabled. */
  disabled: boolean;
  lastLoginAt: Date | null;
  groups: { id: string; name: string }[];
}

interface RawMember {
  id: string;
  email: string;
  display_name: string;
  role: MembershipRole;
  has_password: boolean;
  disabled: boolean;
  last_login_at: Date | null;
  groups: { id: string; name: string }[];
}

// Groups are read through the RLS-confined tables inside the tenant transaction; tenant_id is in every WHERE anyway.
const MEMBER_SELECT = `
  SELECT u.id, u.email, u.display_name, m.role, u.password_hash IS NOT NULL AS has_password,
         (m.disabled_at IS NOT NULL OR u.disabled_at IS NOT NULL) AS disabled, u.last_login_at,
         COALESCE((SELECT json_agg(json_build_object('id', g.id, 'name', g.name) ORDER BY g.name)
                     FROM user_group_members gm JOIN user_groups g ON g.id = gm.group_id AND g.tenant_id = $1
                    WHERE gm.tenant_id = $1 AND gm.user_id = u.id), '[]'::json) AS groups
    FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.tenant_id = $1`;

function toMember(row: RawMember): MemberRow {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    hasPassword: row.has_password,
    disabled: row.disabled,
    lastLoginAt: row.last_login_at,
    groups: row.groups,
  };
}

/** People of a tenant: memberships joined with the platform-wide accounts. Tenant first, in every WHERE. */
@Injectable()
export class UsersRepository {
  constructor(private readonly scope: TenantScope) {}

  /** One tenant transaction for several steps (and the audit event), so they commit together. */
  transaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.run(tenant, work);
  }

  /**
   * Like transaction(), for adding a member: when a concurrent request added the same person first, the unique
   * index (membership or account e-mail) decides, and the loser gets "already a member", not a 500.
   */
  async inviteTransaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.scope.run(tenant, work);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw UsersException.alreadyMember();
      }
      throw error;
    }
  }

  list(tenant: TenantRef, page: number, pageSize: number): Promise<{ items: MemberRow[]; total: number }> {
    return this.scope.run(tenant, async (m) => {
      const rows: RawMember[] = await m.query(
        `${MEMBER_SELECT} ORDER BY lower(u.display_name), u.email LIMIT $2 OFFSET $3`,
        [tenant.id, pageSize, (page - 1) * pageSize],
      );
      const total = await m.count(MembershipEntity, { where: { tenantId: tenant.id } });
      return { items: rows.map(toMember), total };
    });
  }

  async findMember(tenant: TenantRef, userId: string, manager?: EntityManager): Promise<MemberRow | null> {
    const read = async (m: EntityManager) => {
      const rows: RawMember[] = await m.query(`${MEMBER_SELECT} AND m.user_id = $2`, [tenant.id, userId]);
      return rows[0] ? toMember(rows[0]) : null;
    };
    return manager ? read(manager) : this.scope.run(tenant, read);
  }

  findAccountByEmail(manager: EntityManager, email: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { email: email.toLowerCase() } });
  }

  async createAccount(manager: EntityManager, email: string, displayName: string): Promise<UserEntity> {
    return manager.save(UserEntity, manager.create(UserEntity, { email: email.toLowerCase(), displayName }));
  }

  async isMember(manager: EntityManager, tenant: TenantRef, userId: string): Promise<boolean> {
    return (await manager.count(MembershipEntity, { where: { tenantId: tenant.id, userId } })) > 0;
  }

  async addMembership(manager: EntityManager, tenant: TenantRef, userId: string, role: MembershipRole): Promise<void> {
    await manager.insert(MembershipEntity, { tenantId: tenant.id, userId, role, disabledAt: null });
  }

  /** The ids among `groupIds` that are groups of this tenant. */
  async existingGroupIds(manager: EntityManager, tenant: TenantRef, groupIds: readonly string[]): Promise<Set<string>> {
    if (groupIds.length === 0) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM user_groups WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenant.id, groupIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  async addToGroups(
    manager: EntityManager,
    tenant: TenantRef,
    userId: string,
    groupIds: readonly string[],
  ): Promise<void> {
    if (groupIds.length === 0) return;
    await manager.query(
      `INSERT INTO user_group_members (group_id, user_id, tenant_id)
       SELECT g.id, $2, $1 FROM user_groups g WHERE g.tenant_id = $1 AND g.id = ANY($3::uuid[])
       ON CONFLICT DO NOTHING`,
      [tenant.id, userId, groupIds],
    );
  }

  /** Active owners other than `exceptUserId`, with their membership rows locked so two demotions cannot race. */
  async otherActiveOwners(manager: EntityManager, tenant: TenantRef, exceptUserId: string): Promise<number> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.role = 'owner' AND m.disabled_at IS NULL AND u.disabled_at IS NULL
          AND m.user_id <> $2
        FOR UPDATE OF m`,
      [tenant.id, exceptUserId],
    );
    return rows.length;
  }

  async updateMembership(
    manager: EntityManager,
    tenant: TenantRef,
    userId: string,
    change: { role?: MembershipRole; disabledAt?: Date | null },
  ): Promise<void> {
    if (Object.keys(change).length === 0) return;
    await manager.update(MembershipEntity, { tenantId: tenant.id, userId }, change);
  }

  /** The display name is the person's own (platform-wide); only reached here through a membership of `tenant`. */
  async updateDisplayName(
    manager: EntityManager,
    tenant: TenantRef,
    userId: string,
    displayName: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE users SET display_name = $3, updated_at = now()
        WHERE id = $2 AND EXISTS (SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2)`,
      [tenant.id, userId, displayName],
    );
  }

  async tenantName(manager: EntityManager, tenant: TenantRef): Promise<string> {
    const rows: { name: string }[] = await manager.query(`SELECT name FROM tenants WHERE id = $1`, [tenant.id]);
    return rows[0]?.name ?? '';
  }
}
