import type { DocumentStatus, TenantRef } from '@bufor/db';
import { TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessSubject } from '../permissions/access-subject';
import type { DocumentCursor } from './document-cursor';
import {
  documentListSql,
  LIST_COLUMNS,
  type ListFilters,
  type ListWindow,
  TOTAL_CAP,
  totalFromStoredCounts,
} from './document-list.sql';

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

export interface DocumentListPage {
  items: DocumentListRow[];
  total: number;
  totalExact: boolean;
  /** Where the page ended (sort key and id of its last row), when more rows follow. */
  next: DocumentCursor | null;
}

@Injectable()
export class DocumentsRepository {
  constructor(private readonly scope: TenantScope) {}

  async list(
    tenant: TenantRef,
    subject: AccessSubject,
    filters: ListFilters,
    window: ListWindow,
  ): Promise<DocumentListPage> {
    if (subject.kind === 'none') return { items: [], total: 0, totalExact: true, next: null };
    const { sql, values } = documentListSql(tenant, subject, filters, window);
    const [row] = await this.scope.run(tenant, async (m) => {
      // The planner overestimates the folders a grant reaches, and JIT-compiling this short query costs ~150 ms.
      await m.query(`SET LOCAL jit = off`);
      return m.query<{ items: (DocumentListRow & { sortKey: string })[]; total: number }[]>(sql, values);
    });
    const rows = row?.items ?? [];
    const page = rows.slice(0, window.pageSize);
    const last = page.at(-1);
    const next = rows.length > window.pageSize && last ? { sort: window.sort, key: last.sortKey, id: last.id } : null;
    const counted = row?.total ?? 0;
    const exact = totalFromStoredCounts(filters) || counted <= TOTAL_CAP;
    return {
      items: page.map(({ sortKey: _sortKey, ...item }) => item),
      total: exact ? counted : TOTAL_CAP,
      totalExact: exact,
      next,
    };
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
