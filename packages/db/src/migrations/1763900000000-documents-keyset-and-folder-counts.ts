import type { MigrationInterface, QueryRunner } from 'typeorm';
import { grantAppRole } from './1763880000000-tenants-people-access';

// Part of up()'s text only by reference: the test template is keyed by up()'s source, so edit both together.
const COUNT_KEY = 'tenant_id, folder_id, direction, kind';

/**
 * Keyset paging of the document list and stored per-folder document counts.
 *
 * Indexes: every sort order of the list ends with the id (a cursor continues after (key, id)); the date orders carry
 * folder, direction, kind and status as INCLUDE columns, so a page's ids and a capped total come from index-only
 * scans with filters and category limits evaluated in the index. `documents_tenant_direction_issue_idx` goes: its
 * rows are reached through the INCLUDE columns of the date index.
 *
 * Counts: `folder_document_counts` holds the number of documents per folder, direction and kind, kept by
 * statement-level triggers (transition tables: one grouped upsert per statement, however many rows) in the same
 * transaction as the change. The triggers run as the caller, so row-level security applies to their writes too.
 * Rows are upserted in key order so concurrent statements lock them in the same order. Trade-off: transactions that
 * add documents to the same folder, direction and kind queue on that counter row until the earlier one commits, so
 * writers must keep such transactions short (no network calls inside); if that ever limits ingestion, append
 * deltas instead and fold them periodically.
 */
export class DocumentsKeysetAndFolderCounts1763900000000 implements MigrationInterface {
  name = 'DocumentsKeysetAndFolderCounts1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "documents_tenant_direction_issue_idx"`);
    await q.query(`DROP INDEX "documents_tenant_issue_idx"`);
    await q.query(
      `CREATE INDEX "documents_tenant_issue_idx" ON "documents" ("tenant_id", "issue_date", "id") INCLUDE ("folder_id", "direction", "kind", "status")`,
    );
    await q.query(`DROP INDEX "documents_tenant_folder_issue_idx"`);
    await q.query(
      `CREATE INDEX "documents_tenant_folder_issue_idx" ON "documents" ("tenant_id", "folder_id", "issue_date", "id") INCLUDE ("direction", "kind", "status")`,
    );
    await q.query(
      `CREATE INDEX "documents_tenant_status_issue_idx" ON "documents" ("tenant_id", "status", "issue_date", "id") INCLUDE ("folder_id", "direction", "kind")`,
    );
    await q.query(`DROP INDEX "documents_tenant_number_idx"`);
    await q.query(`CREATE INDEX "documents_tenant_number_idx" ON "documents" ("tenant_id", "number", "id") `);
    await q.query(`CREATE INDEX "documents_tenant_gross_idx" ON "documents" ("tenant_id", "gross_total", "id") `);
    await q.query(
      `CREATE INDEX "documents_tenant_folder_number_idx" ON "documents" ("tenant_id", "folder_id", "number", "id") `,
    );
    await q.query(
      `CREATE INDEX "documents_tenant_folder_gross_idx" ON "documents" ("tenant_id", "folder_id", "gross_total", "id") `,
    );

    await q.query(
      `CREATE TABLE "folder_document_counts" ("tenant_id" uuid NOT NULL, "folder_id" uuid NOT NULL, "direction" character varying(8) NOT NULL, "kind" character varying(16) NOT NULL, "documents" integer NOT NULL, CONSTRAINT "PK_bd2fb2e289ecb037384cc79e800" PRIMARY KEY ("tenant_id", "folder_id", "direction", "kind"))`,
    );
    await q.query(
      `ALTER TABLE "folder_document_counts" ADD CONSTRAINT "FK_0062947ae132a285ecb843b4a4e" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "folder_document_counts" ADD CONSTRAINT "FK_36a27df5c849505358c2cb788d1" FOREIGN KEY ("folder_id") REFERENCES "folders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "folder_document_counts" ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY "folder_document_counts_tenant" ON "folder_document_counts" USING ("tenant_id" = NULLIF(current_setting('bufor.tenant_id', true), '')::uuid) WITH CHECK ("tenant_id" = NULLIF(current_setting('bufor.tenant_id', true), '')::uuid)`,
    );

    const upsert = (source: string) => `
      INSERT INTO folder_document_counts AS c (${COUNT_KEY}, documents)
      ${source}
      ON CONFLICT (${COUNT_KEY}) DO UPDATE SET documents = c.documents + EXCLUDED.documents`;
    await q.query(
      `CREATE FUNCTION bufor_count_documents_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path = public AS $$
       BEGIN
         ${upsert(`SELECT ${COUNT_KEY}, count(*) FROM added GROUP BY ${COUNT_KEY} ORDER BY ${COUNT_KEY}`)};
         RETURN NULL;
       END $$`,
    );
    // Deletes only decrement: when a whole tenant or folder is deleted, its count rows may already be gone.
    await q.query(
      `CREATE FUNCTION bufor_count_documents_deleted() RETURNS trigger LANGUAGE plpgsql SET search_path = public AS $$
       BEGIN
         UPDATE folder_document_counts c SET documents = c.documents - r.n
           FROM (SELECT ${COUNT_KEY}, count(*) AS n FROM removed GROUP BY ${COUNT_KEY} ORDER BY ${COUNT_KEY}) r
          WHERE (c.tenant_id, c.folder_id, c.direction, c.kind) = (r.tenant_id, r.folder_id, r.direction, r.kind);
         RETURN NULL;
       END $$`,
    );
    // Any update: old rows count -1, new rows +1, net per key; a status change nets to nothing and writes nothing.
    await q.query(
      `CREATE FUNCTION bufor_count_documents_updated() RETURNS trigger LANGUAGE plpgsql SET search_path = public AS $$
       BEGIN
         ${upsert(`SELECT ${COUNT_KEY}, sum(n) FROM (
             SELECT ${COUNT_KEY}, -1 AS n FROM before_rows
             UNION ALL
             SELECT ${COUNT_KEY}, 1 FROM after_rows
           ) delta GROUP BY ${COUNT_KEY} HAVING sum(n) <> 0 ORDER BY ${COUNT_KEY}`)};
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER documents_count_inserted AFTER INSERT ON documents REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION bufor_count_documents_inserted()`,
    );
    await q.query(
      `CREATE TRIGGER documents_count_deleted AFTER DELETE ON documents REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION bufor_count_documents_deleted()`,
    );
    await q.query(
      `CREATE TRIGGER documents_count_updated AFTER UPDATE ON documents REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT EXECUTE FUNCTION bufor_count_documents_updated()`,
    );
    await q.query(
      `INSERT INTO folder_document_counts (${COUNT_KEY}, documents) SELECT ${COUNT_KEY}, count(*) FROM documents GROUP BY ${COUNT_KEY}`,
    );
    await grantAppRole(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER documents_count_updated ON documents`);
    await q.query(`DROP TRIGGER documents_count_deleted ON documents`);
    await q.query(`DROP TRIGGER documents_count_inserted ON documents`);
    await q.query(`DROP FUNCTION bufor_count_documents_updated()`);
    await q.query(`DROP FUNCTION bufor_count_documents_deleted()`);
    await q.query(`DROP FUNCTION bufor_count_documents_inserted()`);
    await q.query(`DROP TABLE "folder_document_counts"`);
    await q.query(`DROP INDEX "documents_tenant_folder_gross_idx"`);
    await q.query(`DROP INDEX "documents_tenant_folder_number_idx"`);
    await q.query(`DROP INDEX "documents_tenant_gross_idx"`);
    await q.query(`DROP INDEX "documents_tenant_number_idx"`);
    await q.query(`CREATE INDEX "documents_tenant_number_idx" ON "documents" ("tenant_id", "number")`);
    await q.query(`DROP INDEX "documents_tenant_status_issue_idx"`);
    await q.query(`DROP INDEX "documents_tenant_folder_issue_idx"`);
    await q.query(
      `CREATE INDEX "documents_tenant_folder_issue_idx" ON "documents" ("tenant_id", "folder_id", "issue_date", "id")`,
    );
    await q.query(`DROP INDEX "documents_tenant_issue_idx"`);
    await q.query(`CREATE INDEX "documents_tenant_issue_idx" ON "documents" ("tenant_id", "issue_date", "id")`);
    await q.query(
      `CREATE INDEX "documents_tenant_direction_issue_idx" ON "documents" ("tenant_id", "direction", "issue_date", "id")`,
    );
  }
}
