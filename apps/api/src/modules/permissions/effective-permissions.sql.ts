import type { FolderPermission } from '@bufor/db';
import type { SqlParams } from './sql-params';

/**
 * THE one computation of effective folder permissions, as SQL (permissions are applied in the database, never by
 * filtering in memory). Yields rows `(user_id, folder_id, permission, document_kinds, via_type, via_id,
 * via_folder_id)`: every grant to a user or to one of their groups, repeated on every subfolder of the granted
 * folder (inheritance), plus `handle` on every folder for active owners and admins (`via_type = 'role'`).
 * Disabled members get nothing. `document_kinds` null means every kind.
 *
 * `tenant` and `user` are placeholders from the caller's SqlParams; `user` null = every member of the tenant.
 */
export function effectiveGrantsSql(tenant: string, user: string | null): string {
  const onlyUser = (column: string): string => (user ? `AND ${column} = ${user}` : '');
  return `
    WITH RECURSIVE direct AS (
      SELECT g.user_id, g.folder_id, g.permission, g.document_kinds,
             'user'::text AS via_type, g.user_id AS via_id, g.folder_id AS via_folder_id
        FROM folder_grants g
       WHERE g.tenant_id = ${tenant} AND g.user_id IS NOT NULL ${onlyUser('g.user_id')}
      UNION ALL
      SELECT m.user_id, g.folder_id, g.permission, g.document_kinds, 'group'::text, g.group_id, g.folder_id
        FROM folder_grants g
        JOIN user_group_members m ON m.tenant_id = ${tenant} AND m.group_id = g.group_id ${onlyUser('m.user_id')}
       WHERE g.tenant_id = ${tenant} AND g.group_id IS NOT NULL
    ), reach AS (
      SELECT * FROM direct
      UNION ALL
      SELECT r.user_id, c.id, r.permission, r.document_kinds, r.via_type, r.via_id, r.via_folder_id
        FROM reach r
        JOIN folders c ON c.tenant_id = ${tenant} AND c.parent_id = r.folder_id
    )
    SELECT reach.user_id, reach.folder_id, reach.permission::text AS permission,
           reach.document_kinds::text[] AS document_kinds, reach.via_type, reach.via_id, reach.via_folder_id
      FROM reach
      JOIN memberships ms ON ms.tenant_id = ${tenant} AND ms.user_id = reach.user_id
                         AND ms.disabled_at IS NULL AND ms.role = 'user'
    UNION ALL
    SELECT ms.user_id, f.id, 'handle'::text, NULL::text[], 'role'::text, NULL::uuid, NULL::uuid
      FROM memberships ms
      JOIN folders f ON f.tenant_id = ${tenant}
     WHERE ms.tenant_id = ${tenant} AND ms.role IN ('owner', 'admin') AND ms.disabled_at IS NULL ${onlyUser('ms.user_id')}`;
}

/**
 * Folders one user may see (`view`) or handle, each with the document categories that apply there (null = all):
 * rows `(folder_id, document_kinds)`. Several grants on one folder add up; one without a limit lifts all limits.
 */
export function accessibleFoldersSql(
  params: SqlParams,
  tenantId: string,
  userId: string,
  at: FolderPermission,
): string {
  const tenant = params.add(tenantId);
  const user = params.add(userId);
  const level = at === 'handle' ? `WHERE e.permission = 'handle'` : '';
  return `
    SELECT e.folder_id,
           CASE WHEN bool_or(e.document_kinds IS NULL) THEN NULL::text[] ELSE array_agg(DISTINCT k.kind) END
             AS document_kinds
      FROM (${effectiveGrantsSql(tenant, user)}) e
      LEFT JOIN LATERAL unnest(e.document_kinds) AS k(kind) ON true
     ${level}
     GROUP BY e.folder_id`;
}

/** A grant's categories match a document when they contain its direction or its kind (null = every document). */
export function categoriesMatchSql(kinds: string, document: string): string {
  return `(${kinds} IS NULL OR ${document}.direction = ANY(${kinds}) OR ${document}.kind = ANY(${kinds}))`;
}

/** The category-limited part of a scope relation as rows `(folder_id, kind)`: one row per allowed category. */
export function limitedScopeSql(scope: string): string {
  return `SELECT s.folder_id, k.kind::text FROM ${scope} s CROSS JOIN LATERAL unnest(s.document_kinds) AS k(kind)`;
}

/**
 * The same rule as categoriesMatchSql, for a document tested against a whole scope relation `(folder_id,
 * document_kinds)` at once (`limited` = limitedScopeSql of it, best materialised once): three uncorrelated IN-lists
 * that PostgreSQL hashes once per statement, so a scan in index order can test each row cheaply however many
 * folders the scope holds (kept under OR so they stay filters).
 */
export function inScopeSql(scope: string, limited: string, document: string): string {
  return `(${document}.folder_id IN (SELECT s.folder_id FROM ${scope} s WHERE s.document_kinds IS NULL)
    OR (${document}.folder_id, ${document}.direction::text) IN (SELECT l.folder_id, l.kind FROM ${limited} l)
    OR (${document}.folder_id, ${document}.kind::text) IN (SELECT l.folder_id, l.kind FROM ${limited} l))`;
}
