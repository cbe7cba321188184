import {
  type DocumentCategory,
  type DocumentDirection,
  type DocumentKind,
  FolderGrantEntity,
  type FolderPermission,
  type TenantRef,
  TenantScope,
} from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessSubject } from './access-subject';
import { categoriesMatchSql, effectiveGrantsSql } from './effective-permissions.sql';
import { folderScopeSql } from './folder-scope.sql';
import { SqlParams } from './sql-params';

export interface EffectivePermissionRow {
  folderId: string;
  permission: FolderPermission;
  documentKinds: string[] | null;
}

export interface FolderAccessRow {
  userId: string;
  email: string;
  displayName: string;
  permission: FolderPermission;
  documentKinds: string[] | null;
  viaType: 'role' | 'user' | 'group';
  viaName: string;
  viaFolderId: string | null;
}

export interface GrantRow {
  id: string;
  folderId: string;
  subjectType: 'user' | 'group';
  subjectId: string;
  subjectName: string;
  permission: FolderPermission;
  documentKinds: string[] | null;
  inherited: boolean;
}

export interface AccessibleDocument {
  id: string;
  folderId: string;
  direction: DocumentDirection;
  kind: DocumentKind;
}

/** Reads and writes of folder grants; every access question is answered by SQL over effectiveGrantsSql. */
@Injectable()
export class PermissionsRepository {
  constructor(private readonly scope: TenantScope) {}

  /** Whether the folder exists in the tenant and the subject reaches it (for documents of `category` when given). */
  async canReachFolder(
    tenant: TenantRef,
    subject: AccessSubject,
    folderId: string,
    at: FolderPermission,
    category?: { direction: DocumentDirection; kind: DocumentKind },
    manager?: EntityManager,
  ): Promise<boolean> {
    const params = new SqlParams();
    const scopeSql = folderScopeSql(params, tenant, subject, at);
    const folder = params.add(folderId);
    let match = '';
    if (category) {
      const direction = params.add(category.direction);
      const kind = params.add(category.kind);
      match = `AND (s.document_kinds IS NULL OR ${direction} = ANY(s.document_kinds) OR ${kind} = ANY(s.document_kinds))`;
    }
    const sql = `SELECT 1 FROM (${scopeSql}) s WHERE s.folder_id = ${folder} ${match} LIMIT 1`;
    const rows = await this.run(tenant, manager, (m) => m.query<unknown[]>(sql, params.values));
    return rows.length > 0;
  }

  /** The document when it exists in the tenant and the subject reaches it at the level, else null. */
  async reachableDocument(
    tenant: TenantRef,
    subject: AccessSubject,
    documentId: string,
    at: FolderPermission,
    manager?: EntityManager,
  ): Promise<AccessibleDocument | null> {
    const params = new SqlParams();
    const scopeSql = folderScopeSql(params, tenant, subject, at);
    const sql = `
      SELECT d.id, d.folder_id AS "folderId", d.direction, d.kind
        FROM documents d
        JOIN (${scopeSql}) s ON s.folder_id = d.folder_id
       WHERE d.tenant_id = ${params.add(tenant.id)} AND d.id = ${params.add(documentId)}
         AND ${categoriesMatchSql('s.document_kinds', 'd')}
       LIMIT 1`;
    const rows = await this.run(tenant, manager, (m) => m.query<AccessibleDocument[]>(sql, params.values));
    return rows[0] ?? null;
  }

  /** One user's effective permissions, per folder and level (categories merged; null = every category). */
  effectivePermissions(tenant: TenantRef, userId: string): Promise<EffectivePermissionRow[]> {
    const params = new SqlParams();
    const sql = `
      SELECT e.folder_id AS "folderId", e.permission,
             CASE WHEN bool_or(e.document_kinds IS NULL) THEN NULL ELSE array_agg(DISTINCT k.kind ORDER BY k.kind) END
               AS "documentKinds"
        FROM (${effectiveGrantsSql(params.add(tenant.id), params.add(userId))}) e
        LEFT JOIN LATERAL unnest(e.document_kinds) AS k(kind) ON true
       GROUP BY e.folder_id, e.permission
       ORDER BY e.folder_id, e.permission`;
    return this.scope.run(tenant, (m) => m.query<EffectivePermissionRow[]>(sql, params.values));
  }

  /** Who reaches a folder and through what (role, own grant or group grant, on this folder or an ancestor). */
  folderAccess(tenant: TenantRef, folderId: string): Promise<FolderAccessRow[]> {
    const params = new SqlParams();
    const t = params.add(tenant.id);
    const sql = `
      SELECT e.user_id AS "userId", u.email, u.display_name AS "displayName", e.permission,
             e.document_kinds AS "documentKinds", e.via_type AS "viaType",
             COALESCE(g.name, CASE WHEN e.via_type = 'role' THEN ms.role ELSE u.display_name END) AS "viaName",
             e.via_folder_id AS "viaFolderId"
        FROM (${effectiveGrantsSql(t, null)}) e
        JOIN users u ON u.id = e.user_id
        JOIN memberships ms ON ms.tenant_id = ${t} AND ms.user_id = e.user_id
        LEFT JOIN user_groups g ON e.via_type = 'group' AND g.tenant_id = ${t} AND g.id = e.via_id
       WHERE e.folder_id = ${params.add(folderId)}
       ORDER BY u.display_name, u.email, e.permission, e.via_type`;
    return this.scope.run(tenant, (m) => m.query<FolderAccessRow[]>(sql, params.values));
  }

  /** Grants on the folder itself and (marked inherited) on its ancestors. */
  grantsOf(tenant: TenantRef, folderId: string): Promise<GrantRow[]> {
    const params = new SqlParams();
    const t = params.add(tenant.id);
    const sql = `
      WITH RECURSIVE ancestors AS (
        SELECT f.id, f.parent_id, 0 AS depth FROM folders f WHERE f.tenant_id = ${t} AND f.id = ${params.add(folderId)}
        UNION ALL
        SELECT p.id, p.parent_id, a.depth + 1 FROM ancestors a JOIN folders p ON p.tenant_id = ${t} AND p.id = a.parent_id
      )
      SELECT g.id, g.folder_id AS "folderId",
             CASE WHEN g.user_id IS NOT NULL THEN 'user' ELSE 'group' END AS "subjectType",
             COALESCE(g.user_id, g.group_id) AS "subjectId",
             COALESCE(u.display_name, ug.name) AS "subjectName",
             g.permission, g.document_kinds AS "documentKinds", a.depth > 0 AS inherited
        FROM ancestors a
        JOIN folder_grants g ON g.tenant_id = ${t} AND g.folder_id = a.id
        LEFT JOIN users u ON u.id = g.user_id
        LEFT JOIN user_groups ug ON ug.tenant_id = ${t} AND ug.id = g.group_id
       ORDER BY a.depth, "subjectName", g.created_at`;
    return this.scope.run(tenant, (m) => m.query<GrantRow[]>(sql, params.values));
  }

  async folderExists(tenant: TenantRef, folderId: string): Promise<boolean> {
    const rows = await this.scope.run(tenant, (m) =>
      m.query<unknown[]>(`SELECT 1 FROM folders WHERE tenant_id = $1 AND id = $2`, [tenant.id, folderId]),
    );
    return rows.length > 0;
  }

  /** An active or disabled member of the tenant (grants may be prepared for a disabled person). */
  async isMember(tenant: TenantRef, userId: string): Promise<boolean> {
    const rows = await this.scope.run(tenant, (m) =>
      m.query<unknown[]>(`SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [tenant.id, userId]),
    );
    return rows.length > 0;
  }

  async groupExists(tenant: TenantRef, groupId: string): Promise<boolean> {
    const rows = await this.scope.run(tenant, (m) =>
      m.query<unknown[]>(`SELECT 1 FROM user_groups WHERE tenant_id = $1 AND id = $2`, [tenant.id, groupId]),
    );
    return rows.length > 0;
  }

  insertGrant(
    tenant: TenantRef,
    grant: {
      folderId: string;
      userId: string | null;
      groupId: string | null;
      permission: FolderPermission;
      documentKinds: DocumentCategory[] | null;
      createdBy: string | null;
    },
    manager: EntityManager,
  ): Promise<FolderGrantEntity> {
    return manager.save(manager.create(FolderGrantEntity, { ...grant, tenantId: tenant.id }));
  }

  findGrant(
    tenant: TenantRef,
    folderId: string,
    grantId: string,
    manager: EntityManager,
  ): Promise<FolderGrantEntity | null> {
    return manager.findOne(FolderGrantEntity, { where: { tenantId: tenant.id, folderId, id: grantId } });
  }

  async deleteGrant(tenant: TenantRef, grantId: string, manager: EntityManager): Promise<void> {
    await manager.delete(FolderGrantEntity, { tenantId: tenant.id, id: grantId });
  }

  transaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.run(tenant, work);
  }

  private run<T>(
    tenant: TenantRef,
    manager: EntityManager | undefined,
    work: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return manager ? work(manager) : this.scope.run(tenant, work);
  }
}
