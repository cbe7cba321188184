import { Fa3ParseError, type KsefEnvironment, KSEF_ENVIRONMENTS, parseInvoice, renderInvoicePdf } from '@bufor/fa3';
import { type ObjectKey, type ObjectStore, objectKey, tenantOfObjectKey } from '@bufor/platform';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { OBJECT_STORE } from '../../infrastructure/platform.module';
import { PermissionsService } from '../permissions/permissions.service';
import type { RequestContext } from '../tenancy/request-context';
import { DocumentContentRepository, type DocumentContentRow } from './document-content.repository';
import { DocumentsException } from './documents.exception';

export interface DocumentPdf {
  bytes: Buffer;
  /** A file name for the browser, from the invoice number. */
  fileName: string;
}

/**
 * The invoice's visualisation (fa3's renderer, the one the e-mailed PDF uses) for anyone who may view the document.
 * Once KSeF has numbered the invoice the PDF is final: it is stored beside the XML and served from there, so the web
 * preview and the e-mail attach the same bytes. A PDF without a KSeF number is rendered anew on each request.
 */
@Injectable()
export class DocumentPdfService {
  constructor(
    private readonly content: DocumentContentRepository,
    private readonly permissions: PermissionsService,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async pdf(ctx: RequestContext, id: string): Promise<DocumentPdf> {
    await this.permissions.requireAccess({ ctx, permission: 'view', documentId: id });
    const row = await this.content.contentOf(ctx.tenant, id);
    if (!row) throw DocumentsException.notFound();
    const fileName = pdfFileName(row.number);
    if (row.pdfKey) return { bytes: (await this.store.get(this.ownKey(ctx, row.pdfKey))).body, fileName };
    if (!row.xmlKey) throw DocumentsException.noInvoiceXml();

    const xml = (await this.store.get(this.ownKey(ctx, row.xmlKey))).body;
    let bytes: Buffer;
    try {
      bytes = await renderInvoicePdf(parseInvoice(xml), {
        invoiceXml: xml,
        ksefNumber: row.ksefNumber,
        ...this.qrEnvironment(row),
      });
    } catch (error) {
      if (error instanceof Fa3ParseError) throw DocumentsException.invoiceXmlUnreadable(error.message);
      throw error;
    }
    if (row.ksefNumber) {
      const key = objectKey(ctx.tenant.id, 'documents', id, 'invoice.pdf');
      await this.store.put(key, bytes, { contentType: 'application/pdf' });
      await this.content.setPdfKey(ctx.tenant, id, key);
    }
    return { bytes, fileName };
  }

  /** Stored keys must lie in the caller's tenant area: a row pointing elsewhere is a defect, never served. */
  private ownKey(ctx: RequestContext, key: string): ObjectKey {
    if (tenantOfObjectKey(key) !== ctx.tenant.id) throw new Error(`document content key outside the tenant: ${key}`);
    return key as ObjectKey;
  }

  /** KOD I points at the company's KSeF environment; for the simulator, at wherever it runs. */
  private qrEnvironment(row: DocumentContentRow): { environment: KsefEnvironment; qrHost?: string } {
    const environment = KSEF_ENVIRONMENTS.find((e) => e === row.ksefEnvironment) ?? 'PRD';
    return environment === 'SIM' ? { environment, qrHost: new URL(this.config.KSEF_SIM_URL).origin } : { environment };
  }
}

/** "FV/2026/01/7" -> "FV-2026-01-7.pdf": no path separators or control characters in a download name. */
export function pdfFileName(number: string): string {
  const printable = Array.from(number, (c) => (c.charCodeAt(0) < 0x20 ? '-' : c)).join('');
  const safe = printable.replace(/[\\/:*?"<>|-]+/g, '-').replace(/^[-.\s]+|[-.\s]+$/g, '');
  return `${safe || 'faktura'}.pdf`;
}
