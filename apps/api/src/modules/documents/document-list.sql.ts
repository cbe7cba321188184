import type { TenantRef } from '@bufor/db';
import type { AccessSubject } from '../permissions/access-subject';
import { categoriesMatchSql, inScopeSql, limitedScopeSql } from '../permissions/effective-permissions.sql';
import { folderScopeSql } from '../permissions/folder-scope.sql';
import { SqlParams } from '../permissions/sql-params';
import type { DocumentCursor } from './document-cursor';
import type { DocumentFilters, DocumentSort } from './dto/list-documents.dto';

/** Totals that must count rows stop here: an exact count of a million rows would cost more than the page. */
export const TOTAL_CAP = 10_000;

/** Beyond 64 visible folders a user's list is read in the tenant's index order rather than folder by folder. */
const MANY = '((SELECT count(*) FROM visible) > 64)';

interface SortSpec {
  column: string;
  type: 'date' | 'text' | 'numeric';
  descending: boolean;
}

/** Every order ends with the id, so rows with equal keys keep one order and a cursor names an exact position. */
const SORTS: Record<DocumentSort, SortSpec> = {
  issueDate: { column: 'issue_date', type: 'date', descending: false },
  '-issueDate': { column: 'issue_date', type: 'date', descending: true },
  number: { column: 'number', type: 'text', descending: false },
  '-number': { column: 'number', type: 'text', descending: true },
  grossTotal: { column: 'gross_total', type: 'numeric', descending: false },
  '-grossTotal': { column: 'gross_total', type: 'numeric', descending: true },
};

export const LIST_COLUMNS = `d.id, d.folder_id AS "folderId", d.kind, d.direction, d.status, d.number,
  d.seller_nip AS "sellerNip", d.seller_name AS "sellerName", d.buyer_nip AS "buyerNip", d.buyer_name AS "buyerName",
  d.issue_date::text AS "issueDate", d.gross_total::text AS "grossTotal", d.currency, d.ksef_number AS "ksefNumber"`;

export type ListFilters = Omit<DocumentFilters, 'sort' | 'page' | 'pageSize' | 'cursor'>;

/** Filters the stored per-folder counts can answer (folder, direction, kind); the rest need the rows. */
export function totalFromStoredCounts(filters: ListFilters): boolean {
  return !filters.status && !filters.dateFrom && !filters.dateTo && !filters.nip && !filters.number;
}

/** WHERE conditions on `documents d` for the filters (the tenant first; permissions are joined by the caller). */
function filterConditions(params: SqlParams, tenant: TenantRef, filters: ListFilters): string[] {
  const where = [`d.tenant_id = ${params.add(tenant.id)}`];
  if (filters.folderId) where.push(`d.folder_id = ${params.add(filters.folderId)}::uuid`);
  if (filters.kind) where.push(`d.kind = ${params.add(filters.kind)}`);
  if (filters.direction) where.push(`d.direction = ${params.add(filters.direction)}`);
  if (filters.status) where.push(`d.status = ${params.add(filters.status)}`);
  if (filters.dateFrom) where.push(`d.issue_date >= ${params.add(filters.dateFrom)}::date`);
  if (filters.dateTo) where.push(`d.issue_date <= ${params.add(filters.dateTo)}::date`);
  if (filters.nip) {
    const nip = params.add(filters.nip);
    where.push(`(d.seller_nip = ${nip} OR d.buyer_nip = ${nip})`);
  }
  if (filters.number) {
    // The range lets the (tenant_id, number, id) index serve a prefix search; starts_with keeps it exact.
    const number = `${params.add(filters.number)}::text`;
    where.push(`d.number >= ${number} AND d.number < ${number} || chr(1114111) AND starts_with(d.number, ${number})`);
  }
  return where;
}

/** Rows strictly after the cursor in the list's order: a row comparison an index on (tenant, key, id) serves. */
function keysetCondition(params: SqlParams, sort: SortSpec, cursor: DocumentCursor): string {
  const key = `${params.add(cursor.key)}::${sort.type}`;
  const id = `${params.add(cursor.id)}::uuid`;
  return `(d.${sort.column}, d.id) ${sort.descending ? '<' : '>'} (${key}, ${id})`;
}

/**
 * Ids (and sort keys `k`) of one page. Owners and admins read the tenant's documents in index order. A user's
 * documents are limited to the folders their grants reach, with the categories allowed there, in SQL. Only ids and
 * keys are read here (index-only scans where the filters are on the indexes' INCLUDE columns); the page's rows are
 * read afterwards by id.
 */
function pageIdsSql(
  params: SqlParams,
  tenant: TenantRef,
  subject: AccessSubject,
  filters: ListFilters,
  sort: SortSpec,
  window: { cursor?: DocumentCursor; offset: number; limit: number },
): string {
  const where = filterConditions(params, tenant, filters);
  if (window.cursor) where.push(keysetCondition(params, sort, window.cursor));
  const direction = sort.descending ? 'DESC' : 'ASC';
  const order = `ORDER BY k ${direction}, id ${direction}`;
  const limit = `LIMIT ${params.add(window.limit)} OFFSET ${params.add(window.offset)}`;
  const key = `d.${sort.column} AS k`;
  if (subject.kind === 'all') {
    return `SELECT d.id, ${key} FROM documents d WHERE ${where.join(' AND ')} ${order} ${limit}`;
  }
  // Few folders (a store): each folder's first rows from its own index range, merged. Many folders (an accountant
  // over every store): one scan in the tenant's index order, each row tested against the scope (hashed). The
  // folder count picks the branch at run time; the other is not executed.
  const perFolder = params.add(window.offset + window.limit);
  const onlyFolder = filters.folderId ? `AND v.folder_id = ${params.add(filters.folderId)}::uuid` : '';
  const inFolder = [...where, 'd.folder_id = v.folder_id', categoriesMatchSql('v.document_kinds', 'd')];
  const few = `SELECT p.id, p.k FROM visible v CROSS JOIN LATERAL (
      SELECT d.id, ${key} FROM documents d WHERE ${inFolder.join(' AND ')} ${order} LIMIT ${perFolder}
    ) p WHERE NOT ${MANY} ${onlyFolder} ${order} ${limit}`;
  const wide = `SELECT d.id, ${key} FROM documents d
    WHERE ${[...where, MANY, inScopeSql('visible', 'visible_limited', 'd')].join(' AND ')} ${order} ${limit}`;
  return `(${few}) UNION ALL (${wide})`;
}

/**
 * The total. Filtered at most by folder, direction and kind, it is summed from the stored per-folder counts (exact,
 * no rows read), per visible folder with its category limits for a user. Otherwise matching rows are counted up to
 * TOTAL_CAP + 1 (index-only where the filters allow).
 */
function totalSql(params: SqlParams, tenant: TenantRef, subject: AccessSubject, filters: ListFilters): string {
  const scoped = subject.kind !== 'all';
  if (totalFromStoredCounts(filters)) {
    const where = [`c.tenant_id = ${params.add(tenant.id)}`];
    if (filters.folderId) where.push(`c.folder_id = ${params.add(filters.folderId)}::uuid`);
    if (filters.kind) where.push(`c.kind = ${params.add(filters.kind)}`);
    if (filters.direction) where.push(`c.direction = ${params.add(filters.direction)}`);
    if (!scoped)
      return `SELECT COALESCE(sum(c.documents), 0) FROM folder_document_counts c WHERE ${where.join(' AND ')}`;
    const perFolder = [...where, 'c.folder_id = v.folder_id', categoriesMatchSql('v.document_kinds', 'c')];
    // Few folders: an index probe per folder (LATERAL); many: one pass over the tenant's counts, each row tested
    // against the scope (hashed once).
    return `SELECT COALESCE(sum(x.documents), 0) FROM (
        SELECT n.documents FROM visible v CROSS JOIN LATERAL (
          SELECT sum(c.documents) AS documents FROM folder_document_counts c WHERE ${perFolder.join(' AND ')}) n
         WHERE NOT ${MANY}
        UNION ALL
        SELECT c.documents FROM folder_document_counts c
         WHERE ${[...where, MANY, inScopeSql('visible', 'visible_limited', 'c')].join(' AND ')}) x`;
  }
  const where = filterConditions(params, tenant, filters);
  const cap = params.add(TOTAL_CAP + 1);
  if (!scoped) return `SELECT count(*) FROM (SELECT 1 FROM documents d WHERE ${where.join(' AND ')} LIMIT ${cap}) n`;
  const inFolder = [...where, 'd.folder_id = v.folder_id', categoriesMatchSql('v.document_kinds', 'd')];
  // As for the page: folder by folder (OFFSET 0 keeps the planner from flattening the per-folder scans into a hash
  // join over the whole tenant) for few folders; for many, one index scan tested against the hashed scope.
  return `SELECT count(*) FROM (
      (SELECT 1 FROM visible v CROSS JOIN LATERAL (
         SELECT 1 FROM documents d WHERE ${inFolder.join(' AND ')} OFFSET 0) d WHERE NOT ${MANY} LIMIT ${cap})
      UNION ALL
      (SELECT 1 FROM documents d WHERE ${[...where, MANY, inScopeSql('visible', 'visible_limited', 'd')].join(' AND ')}
        LIMIT ${cap})) n`;
}

export interface ListWindow {
  sort: DocumentSort;
  cursor?: DocumentCursor;
  offset: number;
  pageSize: number;
}

/**
 * The list statement: the page (one row more than asked, to know whether another follows) and the total, over the
 * same permission scope, in one statement: one plan, one round trip, permissions applied in SQL.
 */
export function documentListSql(
  tenant: TenantRef,
  subject: AccessSubject,
  filters: ListFilters,
  window: ListWindow,
): { sql: string; values: unknown[] } {
  const params = new SqlParams();
  const sort = SORTS[window.sort];
  const direction = sort.descending ? 'DESC' : 'ASC';
  const scope =
    subject.kind === 'all'
      ? ''
      : `visible AS MATERIALIZED (${folderScopeSql(params, tenant, subject, 'view')}),
         visible_limited AS MATERIALIZED (${limitedScopeSql('visible')}),`;
  const ids = pageIdsSql(params, tenant, subject, filters, sort, {
    cursor: window.cursor,
    offset: window.offset,
    limit: window.pageSize + 1,
  });
  const total = totalSql(params, tenant, subject, filters);
  const sql = `
      WITH ${scope} ids AS MATERIALIZED (${ids})
      SELECT COALESCE((
               SELECT json_agg(r) FROM (
                 SELECT ${LIST_COLUMNS}, ids.k::text AS "sortKey"
                   FROM ids JOIN documents d ON d.tenant_id = ${params.add(tenant.id)} AND d.id = ids.id
                  ORDER BY ids.k ${direction}, ids.id ${direction}) r
             ), '[]'::json) AS items,
             (${total})::int AS total`;
  return { sql, values: params.values };
}
