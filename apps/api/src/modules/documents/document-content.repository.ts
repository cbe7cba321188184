import type { TenantRef } from '@bufor/db';
import { TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';

/** Where a document's invoice XML and its rendered PDF are kept, and what the PDF needs besides the XML. */
export interface DocumentContentRow {
  number: string;
  ksefNumber: string | null;
  xmlKey: string | null;
  pdfKey: string | null;
  /** The company's KSeF environment (SIM, TEST, DEMO, PRD): it decides the host of the QR verification link. */
  ksefEnvironment: string;
}

/** Object-store keys of documents' content; access is checked by the caller (PermissionsService.requireAccess). */
@Injectable()
export class DocumentContentRepository {
  constructor(private readonly scope: TenantScope) {}

  async contentOf(tenant: TenantRef, id: string): Promise<DocumentContentRow | null> {
    const rows = await this.scope.run(tenant, (m) =>
      m.query<DocumentContentRow[]>(
        `SELECT d.number, d.ksef_number AS "ksefNumber", d.xml_key AS "xmlKey", d.pdf_key AS "pdfKey",
                t.ksef_environment AS "ksefEnvironment"
           FROM documents d JOIN tenants t ON t.id = d.tenant_id
          WHERE d.tenant_id = $1 AND d.id = $2`,
        [tenant.id, id],
      ),
    );
    return rows[0] ?? null;
  }

  /** Records the stored PDF unless another request stored one first (both rendered the same final document). */
  async setPdfKey(tenant: TenantRef, id: string, pdfKey: string): Promise<void> {
    await this.scope.run(tenant, (m) =>
      m.query(`UPDATE documents SET pdf_key = $3 WHERE tenant_id = $1 AND id = $2 AND pdf_key IS NULL`, [
        tenant.id,
        id,
        pdfKey,
      ]),
    );
  }
}
