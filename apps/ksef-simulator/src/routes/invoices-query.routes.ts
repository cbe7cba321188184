import { validationError } from '../core/errors';
import { intParam } from '../core/paging';
import { authOf } from '../core/request-auth';
import { bodySchema } from '../openapi/openapi-schemas';
import { exportStatus, startExport, type InvoiceExportRequest } from '../services/invoice-export.service';
import { downloadInvoice, queryMetadata, type InvoiceQueryFilters } from '../services/invoice-query.service';
import type { RouteModule } from '../simulator-context';

function sortOrder(value: unknown): 'Asc' | 'Desc' {
  if (value === undefined || value === '' || value === 'Asc') return 'Asc';
  if (value === 'Desc') return 'Desc';
  throw validationError('sortOrder: dozwolone wartości to Asc lub Desc');
}

/** Invoice retrieval: download by KSeF number, metadata query, asynchronous exports. */
export const invoicesQueryRoutes: RouteModule = {
  name: 'invoices-query',
  scope: 'ksef',
  register(app, ctx) {
    app.get<{ Params: { ksefNumber: string } }>(
      '/invoices/ksef/:ksefNumber',
      { config: { ksef: { group: 'invoiceDownload', auth: 'access', anyOf: ['InvoiceRead'] } } },
      (request, reply) => {
        const invoice = downloadInvoice(ctx, authOf(request).context, request.params.ksefNumber);
        return reply.type('application/xml').header('x-ms-meta-hash', invoice.invoiceHash).send(invoice.xml);
      },
    );

    app.post<{
      Body: InvoiceQueryFilters;
      Querystring: { sortOrder?: string; pageOffset?: string; pageSize?: string };
    }>(
      '/invoices/query/metadata',
      {
        schema: { body: bodySchema('InvoiceQueryFilters') },
        config: { ksef: { group: 'invoiceMetadata', auth: 'access', anyOf: ['InvoiceRead'] } },
      },
      (request) =>
        queryMetadata(
          ctx,
          authOf(request).context,
          request.body,
          sortOrder(request.query.sortOrder),
          intParam(request.query.pageOffset, 'pageOffset', 0, 1_000_000, 0),
          intParam(request.query.pageSize, 'pageSize', 10, 250, 10),
        ),
    );

    app.post<{ Body: InvoiceExportRequest }>(
      '/invoices/exports',
      {
        schema: { body: bodySchema('InvoiceExportRequest') },
        config: { ksef: { group: 'invoiceExport', auth: 'access', anyOf: ['InvoiceRead'] } },
      },
      (request, reply) => reply.code(201).send(startExport(ctx, authOf(request).context, request.body)),
    );

    app.get<{ Params: { referenceNumber: string } }>(
      '/invoices/exports/:referenceNumber',
      { config: { ksef: { group: 'invoiceExportStatus', auth: 'access', anyOf: ['InvoiceRead'] } } },
      (request) => exportStatus(ctx, authOf(request).context, request.params.referenceNumber, ctx.baseUrl(request)),
    );
  },
};
