import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DocumentsDirectionIndex1763890000000 implements MigrationInterface {
  name = 'DocumentsDirectionIndex1763890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "documents_tenant_direction_issue_idx" ON "documents" ("tenant_id", "direction", "issue_date", "id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "documents_tenant_direction_issue_idx"`);
  }
}
