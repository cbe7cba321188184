import { FolderEntity, type TenantRef, TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { AccessSubject } from '../permissions/access-subject';
import { categoriesMatchSql } from '../permissions/effective-permissions.sql';
import { folderScopeSql } from '../permissions/folder-scope.sql';
import { SqlParams } from '../permissions/sql-params';

export interface FolderRow {
  id: string;
  parentId: string | null;
  name: string;
  systemKey: 'unassigned' | null;
  path: string[];
  documentCount: number;
  canHandle: boolean;
}

export interface SubtreeFolder {
  id: string;
  depth: number;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

@Injectable()
export class FoldersRepository {
  constructor(private readonly scope: TenantScope) {}

  /** The folders the subject sees, with their paths and visible document counts (one folder when `only` given). */
  visible(tenant: TenantRef, subject: AccessSubject, only?: string, manager?: EntityManager): Promise<FolderRow[]> {
    const params = new SqlParams();
    const whole = subject.kind === 'all' && !only;
    // Placeholders are numbered as they are added: build the scope only for the statement that uses it.
    const seen = whole ? '' : folderScopeSql(params, tenant, subject, 'view');
    const handled = whole ? '' : folderScopeSql(params, tenant, subject, 'handle');
    const t = params.add(tenant.id);
    const onlyId = only ? params.add(only) : null;
    // From the stored per-folder counts (kept by triggers on documents), never from document rows. An admin's
    // whole tree: one grouped pass over the tenant's counts; otherwise an index probe per visible folder, with the
    // grant's category limits applied to the counts' direction/kind split.
    const counts = whole
      ? `SELECT c.folder_id, sum(c.documents)::int AS n FROM folder_document_counts c WHERE c.tenant_id = ${t}
            GROUP BY c.folder_id`
      : `SELECT s.folder_id, n.n FROM (SELECT * FROM seen ${onlyId ? `WHERE folder_id = ${onlyId}` : ''}) s CROSS JOIN LATERAL (
             SELECT sum(c.documents)::int AS n FROM folder_document_counts c
              WHERE c.tenant_id = ${t} AND c.folder_id = s.folder_id AND ${categoriesMatchSql('s.document_kinds', 'c')}
           ) n`;
    // Paths: an admin's whole tree top-down; otherwise upwards from the visible folders only (a store user's
    // five folders should not cost the paths of the other 2,000).
    const tree = whole
      ? `SELECT f.id, f.parent_id, f.name, f.system_key, ARRAY[f.name::text] AS path, f.rank AS sort_key
             FROM ranked f WHERE f.parent_id IS NULL
           UNION ALL
           SELECT c.id, c.parent_id, c.name, c.system_key, t.path || c.name::text, t.sort_key || c.rank
             FROM tree t JOIN ranked c ON c.parent_id = t.id`
      : `SELECT f.id, f.parent_id, f.name, f.system_key, ARRAY[f.name::text] AS path, f.parent_id AS above
             FROM seen s JOIN folders f ON f.tenant_id = ${t} AND f.id = s.folder_id ${onlyId ? `AND f.id = ${onlyId}` : ''}
           UNION ALL
           SELECT t.id, t.parent_id, t.name, t.system_key, a.name::text || t.path, a.parent_id
             FROM tree t JOIN folders a ON a.tenant_id = ${t} AND a.id = t.above`;
    // An admin sees and handles every folder: the whole tree needs no scope joins. Its order is the order of the
    // paths (names compared level by level, in the database's collation), sorted by a key of sibling ranks: a
    // byte comparison per pair instead of comparing two text arrays.
    const sql = whole
      ? `
      WITH RECURSIVE ranked AS MATERIALIZED (
        SELECT f.id, f.parent_id, f.name, f.system_key,
               lpad(row_number() OVER (PARTITION BY f.parent_id ORDER BY f.name)::text, 6, '0') AS rank
          FROM folders f WHERE f.tenant_id = ${t}
      ),
      tree AS (${tree}), counts AS MATERIALIZED (${counts})
      SELECT t.id, t.parent_id AS "parentId", t.name, t.system_key AS "systemKey", t.path,
             COALESCE(c.n, 0) AS "documentCount", true AS "canHandle"
        FROM tree t LEFT JOIN counts c ON c.folder_id = t.id
       ORDER BY t.sort_key COLLATE "C"`
      : `
      WITH RECURSIVE seen AS MATERIALIZED (${seen}),
      tree AS (${tree}),
      handled AS MATERIALIZED (SELECT DISTINCT folder_id FROM (${handled}) h),
      counts AS MATERIALIZED (${counts})
      SELECT t.id, t.parent_id AS "parentId", t.name, t.system_key AS "systemKey", t.path,
             COALESCE(c.n, 0) AS "documentCount", h.folder_id IS NOT NULL AS "canHandle"
        FROM tree t
        JOIN seen s ON s.folder_id = t.id
        LEFT JOIN handled h ON h.folder_id = t.id
        LEFT JOIN counts c ON c.folder_id = t.id
       WHERE t.above IS NULL ${onlyId ? `AND t.id = ${onlyId}` : ''}
       ORDER BY t.path`;
    const work = async (m: EntityManager) => {
      // A short query: JIT compilation would cost more than it saves (see documents.repository.ts).
      await m.query(`SET LOCAL jit = off`);
      return m.query<FolderRow[]>(sql, params.values);
    };
    return manager ? work(manager) : this.scope.run(tenant, work);
  }

  transaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.run(tenant, work);
  }

  /** Serialises changes to one tenant's tree, so two concurrent moves cannot together make a cycle. */
  async lockTree(tenant: TenantRef, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('bufor:folders:' || $1::text))`, [tenant.id]);
  }

  find(tenant: TenantRef, id: string, manager: EntityManager): Promise<FolderEntity | null> {
    return manager.findOne(FolderEntity, { where: { tenantId: tenant.id, id } });
  }

  async insert(
    tenant: TenantRef,
    folder: { name: string; parentId: string | null },
    manager: EntityManager,
  ): Promise<FolderEntity> {
    return manager.save(manager.create(FolderEntity, { ...folder, tenantId: tenant.id, systemKey: null }));
  }

  async update(
    tenant: TenantRef,
    id: string,
    change: { name?: string; parentId?: string | null },
    manager: EntityManager,
  ): Promise<void> {
    await manager.update(FolderEntity, { tenantId: tenant.id, id }, change);
  }

  /** The folder and all its descendants, deepest last. */
  subtree(tenant: TenantRef, id: string, manager: EntityManager): Promise<SubtreeFolder[]> {
    return manager.query<SubtreeFolder[]>(
      `WITH RECURSIVE sub AS (
         SELECT f.id, 0 AS depth FROM folders f WHERE f.tenant_id = $1 AND f.id = $2
         UNION ALL
         SELECT c.id, s.depth + 1 FROM sub s JOIN folders c ON c.tenant_id = $1 AND c.parent_id = s.id
       ) SELECT id, depth FROM sub ORDER BY depth`,
      [tenant.id, id],
    );
  }

  /** Whether `candidate` is `folderId` itself or lies below it: checked in SQL, inside the caller's transaction. */
  async isInSubtree(tenant: TenantRef, folderId: string, candidate: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `WITH RECURSIVE sub AS (
         SELECT f.id FROM folders f WHERE f.tenant_id = $1 AND f.id = $2
         UNION
         SELECT c.id FROM sub s JOIN folders c ON c.tenant_id = $1 AND c.parent_id = s.id
       ) SELECT 1 FROM sub WHERE id = $3 LIMIT 1`,
      [tenant.id, folderId, candidate],
    );
    return rows.length > 0;
  }

  async countDocuments(tenant: TenantRef, folderIds: string[], manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM documents WHERE tenant_id = $1 AND folder_id = ANY($2::uuid[])`,
      [tenant.id, folderIds],
    );
    return row?.count ?? 0;
  }

  async moveDocuments(
    tenant: TenantRef,
    fromFolderIds: string[],
    toFolderId: string,
    manager: EntityManager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown, number]>(
      `UPDATE documents SET folder_id = $3, updated_at = now() WHERE tenant_id = $1 AND folder_id = ANY($2::uuid[])`,
      [tenant.id, fromFolderIds, toFolderId],
    );
    return affected;
  }

  /** Deletes deepest first (parent links are RESTRICT, checked row by row). Grants go with their folders. */
  async deleteSubtree(tenant: TenantRef, folders: SubtreeFolder[], manager: EntityManager): Promise<void> {
    const depths = [...new Set(folders.map((f) => f.depth))].sort((a, b) => b - a);
    for (const depth of depths) {
      const ids = folders.filter((f) => f.depth === depth).map((f) => f.id);
      await manager.query(`DELETE FROM folders WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenant.id, ids]);
    }
  }
}
