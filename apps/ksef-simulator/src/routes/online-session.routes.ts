import { authOf } from '../core/request-auth';
import { bodySchema } from '../openapi/openapi-schemas';
import {
  closeOnlineSession,
  openOnlineSession,
  sendInvoice,
  type OpenOnlineBody,
  type SendInvoiceBody,
} from '../services/online-session.service';
import type { RouteModule } from '../simulator-context';

const WRITE = ['InvoiceWrite', 'PefInvoiceWrite', 'EnforcementOperations'] as const;

/** Interactive sessions: open, send invoice, close. */
export const onlineSessionRoutes: RouteModule = {
  name: 'online-session',
  scope: 'ksef',
  register(app, ctx) {
    app.post<{ Body: OpenOnlineBody }>(
      '/sessions/online',
      {
        schema: { body: bodySchema('OpenOnlineSessionRequest') },
        config: { ksef: { group: 'onlineSession', auth: 'access', anyOf: [...WRITE] } },
      },
      // X-KSeF-Feature: upo-v4-3 is accepted and changes nothing: v4-3 has been the default since 2025-12-22.
      (request, reply) => reply.code(201).send(openOnlineSession(ctx, authOf(request), request.body)),
    );

    app.post<{ Params: { referenceNumber: string }; Body: SendInvoiceBody }>(
      '/sessions/online/:referenceNumber/invoices',
      {
        schema: { body: bodySchema('SendInvoiceRequest') },
        config: { ksef: { group: 'invoiceSend', auth: 'access', anyOf: [...WRITE] } },
      },
      (request, reply) =>
        reply.code(202).send(sendInvoice(ctx, authOf(request), request.params.referenceNumber, request.body)),
    );

    app.post<{ Params: { referenceNumber: string } }>(
      '/sessions/online/:referenceNumber/close',
      { config: { ksef: { group: 'onlineSession', auth: 'access', anyOf: [...WRITE] } } },
      (request, reply) => {
        closeOnlineSession(ctx, authOf(request), request.params.referenceNumber);
        return reply.code(204).send();
      },
    );
  },
};
