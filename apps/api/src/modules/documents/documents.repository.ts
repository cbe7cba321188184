import type { DocumentStatus, TenantRef } from '@bufor/db';
import { TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessSubject } from '../permissions/access-subject';
import { categoriesMatchSql } from '../permissions/effective-permissions.sql';
import { folderScopeSql } from '../permissions/folder-scope.sql';
import { SqlParams } from '../permissions/sql-params';
import type { DocumentFilters, DocumentSort } from './dto/list-documents.dto';

export interface DocumentListRow {
  id: string;
  folderId: string;
  kind: 'vat' | 'correction' | 'advance' | 'settlement' | 'simplified';
  direction: 'sales' | 'purchase';
  status: DocumentStatus;
  number: string;
  sellerNip: string | null;
  sellerName: string;
  buyerNip: string | null;
  buyerName: string;
  issueDate: string;
  grossTotal: string;
  currency: string;
  ksefNumber: string | null;
}

export interface DocumentDetailRow extends DocumentListRow {
  folderPath: string[];
  saleDate: string | null;
  netTotal: string;
  vatTotal: string;
  ksefAcceptedAt: string | null;
  hasXml: boolean;
  hasPdf: boolean;
  hasUpo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Totals are counted up to this many documents; beyond it the list says `totalExact: false`. */
export const TOTAL_CAP = 10_000;

/** Every sort ends with the id so pages are stable; each matches an index prefix where one exists. */
const ORDER_BY: Record<DocumentSort, string> = {
  issueDate: 'd.issue_date ASC, d.id ASC',
  '-issueDate': 'd.issue_date DESC, d.id DESC',
  number: 'd.number ASC, d.id ASC',
  '-number': 'd.number DESC, d.id DESC',
  grossTotal: 'd.gross_total ASC, d.id ASC',
  '-grossTotal': 'd.gross_total DESC, d.id DESC',
};

const LIST_COLUMNS = `d.id, d.folder_id AS "folderId", d.kind, d.direction, d.status, d.number,
  d.seller_nip AS "sellerNip", d.seller_name AS "sellerName", d.buyer_nip AS "buyerNip", d.buyer_name AS "buyerName",
  d.issue_date::text AS "issueDate", d.gross_total::text AS "grossTotal", d.currency, d.ksef_number AS "ksefNumber"`;

/**
 * FROM + WHERE of the permission-filtered document list. Owners and admins read the tenant's documents directly.
 * A user's documents are read folder by folder from the folders their grants reach (a LATERAL scan per folder on
 * the (tenant_id, folder_id, issue_date, id) index, with the categories allowed there), in SQL. `OFFSET 0` keeps
 * the planner from flattening it into a hash join over the whole tenant.
 */
export function documentListSource(
  params: SqlParams,
  tenant: TenantRef,
  subject: AccessSubject,
  filters: Omit<DocumentFilters, 'sort' | 'page' | 'pageSize'>,
  /** For a page of a user's list: each folder contributes only its first rows in the page's order. */
  perFolder?: { orderBy: string; limit: number },
  /** The name of a CTE already holding the subject's folder scope (planned once for page and count). */
  scopeCte?: string,
): string {
  const scope = subject.kind === 'all' ? null : (scopeCte ?? `(${folderScopeSql(params, tenant, subject, 'view')})`);
  const where = [`d.tenant_id = ${params.add(tenant.id)}`];
  if (filters.folderId) where.push(`d.folder_id = ${params.add(filters.folderId)}`);
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
    // The range lets the (tenant_id, number) index serve a prefix search; starts_with keeps it exact.
    const number = `${params.add(filters.number)}::text`;
    where.push(`d.number >= ${number} AND d.number < ${number} || chr(1114111) AND starts_with(d.number, ${number})`);
  }
  if (!scope) return `FROM documents d WHERE ${where.join(' AND ')}`;
  where.push('d.folder_id = v.folder_id', categoriesMatchSql('v.document_kinds', 'd'));
  const tail = perFolder ? `ORDER BY ${perFolder.orderBy} LIMIT ${params.add(perFolder.limit)}` : 'OFFSET 0';
  return `FROM ${scope} v CROSS JOIN LATERAL (SELECT d.* FROM documents d WHERE ${where.join(' AND ')} ${tail}) d`;
}

/**
 * The list statement: the page and the total over the same permission-filtered source, in one statement (one plan,
 * one round trip). Counting stops past TOTAL_CAP: an exact count of a million rows would cost more than the page.
 */
export function documentListSql(
  tenant: TenantRef,
  subject: AccessSubject,
  filters: DocumentFilters,
): { sql: string; values: unknown[] } {
  const params = new SqlParams();
  const limit = params.add(filters.pageSize);
  const offset = params.add((filters.page - 1) * filters.pageSize);
  const orderBy = ORDER_BY[filters.sort];
  const scoped = subject.kind !== 'all';
  const scope = scoped ? `visible AS MATERIALIZED (${folderScopeSql(params, tenant, subject, 'view')}),` : '';
  const cte = scoped ? 'visible' : undefined;
  const perFolder = { orderBy, limit: filters.page * filters.pageSize };
  const pageSource = documentListSource(params, tenant, subject, filters, perFolder, cte);
  const countSource = documentListSource(params, tenant, subject, filters, undefined, cte);
  const sql = `
      WITH ${scope} page AS (SELECT ${LIST_COLUMNS} ${pageSource} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset})
      SELECT COALESCE((SELECT json_agg(page) FROM page), '[]'::json) AS items,
             (SELECT count(*)::int FROM (SELECT 1 ${countSource} LIMIT ${TOTAL_CAP + 1}) counted) AS total`;
  return { sql, values: params.values };
}

@Injectable()
export class DocumentsRepository {
  constructor(private readonly scope: TenantScope) {}

  async list(
    tenant: TenantRef,
    subject: AccessSubject,
    filters: DocumentFilters,
  ): Promise<{ items: DocumentListRow[]; total: number; totalExact: boolean }> {
    if (subject.kind === 'none') return { items: [], total: 0, totalExact: true };
    const { sql, values } = documentListSql(tenant, subject, filters);
    const [row] = await this.scope.run(tenant, async (m) => {
      // The planner overestimates the folders a grant reaches, and JIT-compiling this short query costs ~150 ms.
      await m.query(`SET LOCAL jit = off`);
      return m.query<{ items: DocumentListRow[]; total: number }[]>(sql, values);
    });
    const counted = row?.total ?? 0;
    return { items: row?.items ?? [], total: Math.min(counted, TOTAL_CAP), totalExact: counted <= TOTAL_CAP };
  }

  /** Full detail of a document already checked by requireAccess. */
  async detail(tenant: TenantRef, id: string, manager?: EntityManager): Promise<DocumentDetailRow | null> {
    const sql = `
      WITH RECURSIVE doc AS (
        SELECT d.* FROM documents d WHERE d.tenant_id = $1 AND d.id = $2
      ), up AS (
        SELECT f.id, f.parent_id, f.name, 0 AS depth FROM folders f JOIN doc ON f.tenant_id = $1 AND f.id = doc.folder_id
        UNION ALL
        SELECT p.id, p.parent_id, p.name, up.depth + 1 FROM up JOIN folders p ON p.tenant_id = $1 AND p.id = up.parent_id
      )
      SELECT ${LIST_COLUMNS},
             ARRAY(SELECT up.name::text FROM up ORDER BY up.depth DESC) AS "folderPath",
             d.sale_date::text AS "saleDate", d.net_total::text AS "netTotal", d.vat_total::text AS "vatTotal",
             to_char(d.ksef_accepted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "ksefAcceptedAt",
             d.xml_key IS NOT NULL AS "hasXml", d.pdf_key IS NOT NULL AS "hasPdf", d.upo_key IS NOT NULL AS "hasUpo",
             to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
             to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
        FROM doc d`;
    const work = (m: EntityManager) => m.query<DocumentDetailRow[]>(sql, [tenant.id, id]);
    const rows = await (manager ? work(manager) : this.scope.run(tenant, work));
    return rows[0] ?? null;
  }

  async statusOf(
    tenant: TenantRef,
    id: string,
    manager: EntityManager,
  ): Promise<{ status: DocumentStatus; folderId: string } | null> {
    const rows = await manager.query<{ status: DocumentStatus; folderId: string }[]>(
      `SELECT status, folder_id AS "folderId" FROM documents WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenant.id, id],
    );
    return rows[0] ?? null;
  }

  async update(
    tenant: TenantRef,
    id: string,
    change: { folderId?: string; status?: DocumentStatus },
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE documents SET folder_id = COALESCE($3, folder_id), status = COALESCE($4, status), updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [tenant.id, id, change.folderId ?? null, change.status ?? null],
    );
  }

  transaction<T>(tenant: TenantRef, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.scope.run(tenant, work);
  }
}
