import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { intParam, readContinuationToken } from '../core/paging';
import { authOf } from '../core/request-auth';
import type { Permission } from '../domain/permissions';
import {
  findSessionInvoice,
  invoiceUpo,
  invoiceView,
  listSessions,
  sessionInvoices,
  sessionStatus,
  sessionUpoPage,
  type SessionListQuery,
} from '../services/session-status.service';
import type { RouteModule } from '../simulator-context';

const READ_SESSIONS: Permission[] = ['InvoiceWrite', 'Introspection', 'PefInvoiceWrite', 'EnforcementOperations'];

export function sendXml(reply: FastifyReply, xml: Buffer): FastifyReply {
  return reply
    .type('application/xml')
    .header('x-ms-meta-hash', createHash('sha256').update(xml).digest('base64'))
    .send(xml);
}

type SessionParams = { referenceNumber: string };
type PageQuery = { pageSize?: string };

/** Session list, session and invoice statuses, UPO downloads (bearer variants). */
export const sessionsRoutes: RouteModule = {
  name: 'sessions',
  scope: 'ksef',
  register(app, ctx) {
    app.get<{ Querystring: SessionListQuery & PageQuery }>(
      '/sessions',
      {
        config: {
          ksef: {
            group: 'sessionList',
            auth: 'access',
            anyOf: ['InvoiceWrite', 'Introspection', 'EnforcementOperations'],
          },
        },
      },
      (request) => {
        const pageSize = intParam(request.query.pageSize, 'pageSize', 10, 1000, 10);
        const offset = readContinuationToken(request.headers['x-continuation-token']);
        return listSessions(ctx, authOf(request), request.query, offset, pageSize);
      },
    );

    app.get<{ Params: SessionParams }>(
      '/sessions/:referenceNumber',
      { config: { ksef: { group: 'sessionMisc', auth: 'access', anyOf: READ_SESSIONS } } },
      (request) => sessionStatus(ctx, request, authOf(request), request.params.referenceNumber),
    );

    for (const [path, onlyFailed] of [
      ['/sessions/:referenceNumber/invoices', false],
      ['/sessions/:referenceNumber/invoices/failed', true],
    ] as const) {
      app.get<{ Params: SessionParams; Querystring: PageQuery }>(
        path,
        { config: { ksef: { group: 'sessionInvoiceList', auth: 'access', anyOf: READ_SESSIONS } } },
        (request) => {
          const pageSize = intParam(request.query.pageSize, 'pageSize', 10, 1000, 10);
          const offset = readContinuationToken(request.headers['x-continuation-token']);
          return sessionInvoices(
            ctx,
            request,
            authOf(request),
            request.params.referenceNumber,
            offset,
            pageSize,
            onlyFailed,
          );
        },
      );
    }

    app.get<{ Params: SessionParams & { invoiceReferenceNumber: string } }>(
      '/sessions/:referenceNumber/invoices/:invoiceReferenceNumber',
      { config: { ksef: { group: 'invoiceStatus', auth: 'access', anyOf: READ_SESSIONS } } },
      (request) =>
        invoiceView(
          ctx,
          request,
          findSessionInvoice(
            ctx,
            authOf(request),
            request.params.referenceNumber,
            request.params.invoiceReferenceNumber,
          ),
        ),
    );

    app.get<{ Params: SessionParams & { ksefNumber: string } }>(
      '/sessions/:referenceNumber/invoices/ksef/:ksefNumber/upo',
      { config: { ksef: { group: 'sessionMisc', auth: 'access', anyOf: READ_SESSIONS } } },
      (request, reply) =>
        sendXml(
          reply,
          invoiceUpo(ctx, authOf(request), request.params.referenceNumber, { ksefNumber: request.params.ksefNumber }),
        ),
    );

    app.get<{ Params: SessionParams & { invoiceReferenceNumber: string } }>(
      '/sessions/:referenceNumber/invoices/:invoiceReferenceNumber/upo',
      { config: { ksef: { group: 'sessionMisc', auth: 'access', anyOf: READ_SESSIONS } } },
      (request, reply) =>
        sendXml(
          reply,
          invoiceUpo(ctx, authOf(request), request.params.referenceNumber, {
            invoiceRef: request.params.invoiceReferenceNumber,
          }),
        ),
    );

    app.get<{ Params: SessionParams & { upoReferenceNumber: string } }>(
      '/sessions/:referenceNumber/upo/:upoReferenceNumber',
      { config: { ksef: { group: 'sessionMisc', auth: 'access', anyOf: READ_SESSIONS } } },
      (request, reply) =>
        sendXml(
          reply,
          sessionUpoPage(ctx, authOf(request), request.params.referenceNumber, request.params.upoReferenceNumber),
        ),
    );
  },
};
