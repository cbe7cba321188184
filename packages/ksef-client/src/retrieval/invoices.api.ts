import {
  type InvoiceMetadata,
  type InvoiceQueryFilters,
  type QueryInvoicesMetadataResponse,
} from '../generated/ksef-api.models';
import { type KsefSession } from '../auth/ksef-session';
import { type KsefHttpClient } from '../http/ksef-http.client';
import { verifyMetaHash, type VerifiedDocument } from '../sessions/session-status.api';

export interface MetadataPageOptions {
  pageOffset?: number;
  /** 10–250 (default 250 here, to use the scarce invoiceMetadata budget well). */
  pageSize?: number;
  sortOrder?: 'Asc' | 'Desc';
}

/** The date of a metadata record that the filter's `dateType` sorts by. */
export function dateOf(meta: InvoiceMetadata, dateType: InvoiceQueryFilters['dateRange']['dateType']): string {
  switch (dateType) {
    case 'Issue':
      return meta.issueDate;
    case 'Invoicing':
      return meta.invoicingDate;
    case 'PermanentStorage':
      return meta.permanentStorageDate;
  }
}

/** Invoice download and metadata queries. */
export class InvoicesApi {
  constructor(
    private readonly http: KsefHttpClient,
    private readonly session: KsefSession,
  ) {}

  /** `GET /invoices/ksef/{ksefNumber}`: the exact stored XML, checked against `x-ms-meta-hash`. */
  getInvoice(ksefNumber: string): Promise<VerifiedDocument> {
    return this.session.withAccessToken(async (bearer) => {
      const res = await this.http.request<Buffer>({
        method: 'GET',
        path: '/invoices/ksef/{ksefNumber}',
        params: { ksefNumber },
        bearer,
        context: this.session.contextKey,
        headers: { Accept: 'application/xml' },
        responseType: 'buffer',
      });
      return verifyMetaHash(res.data, res.headers, `faktura ${ksefNumber}`);
    });
  }

  /** One page of `POST /invoices/query/metadata` (a read, so safe to retry). */
  queryMetadata(
    filters: InvoiceQueryFilters,
    options: MetadataPageOptions = {},
  ): Promise<QueryInvoicesMetadataResponse> {
    return this.session.withAccessToken(async (bearer) => {
      const res = await this.http.request<QueryInvoicesMetadataResponse>({
        method: 'POST',
        path: '/invoices/query/metadata',
        query: {
          pageOffset: options.pageOffset ?? 0,
          pageSize: options.pageSize ?? 250,
          sortOrder: options.sortOrder ?? 'Asc',
        },
        json: filters,
        bearer,
        context: this.session.contextKey,
        safeToRetry: true,
      });
      return res.data;
    });
  }

  /**
   * Every record matching the filters, ascending: pages with `pageOffset` while `hasMore`, and when the 10,000
   * cap truncates the result moves `from` to the last record's date and continues, deduplicating by KSeF number.
   */
  async *queryAll(filters: InvoiceQueryFilters, pageSize = 250): AsyncGenerator<InvoiceMetadata> {
    const seen = new Set<string>();
    let current = filters;
    let pageOffset = 0;
    for (;;) {
      const page = await this.queryMetadata(current, { pageOffset, pageSize, sortOrder: 'Asc' });
      for (const inv of page.invoices) {
        if (seen.has(inv.ksefNumber)) continue;
        seen.add(inv.ksefNumber);
        yield inv;
      }
      if (!page.hasMore) return;
      const last = page.invoices[page.invoices.length - 1];
      if (page.isTruncated && last) {
        current = { ...current, dateRange: { ...current.dateRange, from: dateOf(last, current.dateRange.dateType) } };
        pageOffset = 0;
      } else {
        pageOffset++;
      }
    }
  }
}
