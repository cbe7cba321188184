import { validationError } from '../core/errors';
import { authOf } from '../core/request-auth';
import { bodySchema } from '../openapi/openapi-schemas';
import { closeBatchSession, openBatchSession, uploadPart, type OpenBatchBody } from '../services/batch-session.service';
import type { RouteModule } from '../simulator-context';
import { checkPresigned } from './upo-storage.routes';

const WRITE = ['InvoiceWrite', 'EnforcementOperations'] as const;

/** Batch sessions: open (with pre-signed part URLs), close. */
export const batchSessionRoutes: RouteModule = {
  name: 'batch-session',
  scope: 'ksef',
  register(app, ctx) {
    app.post<{ Body: OpenBatchBody }>(
      '/sessions/batch',
      {
        schema: { body: bodySchema('OpenBatchSessionRequest') },
        config: { ksef: { group: 'batchSession', auth: 'access', anyOf: [...WRITE] } },
      },
      (request, reply) => reply.code(201).send(openBatchSession(ctx, request, authOf(request), request.body)),
    );

    app.post<{ Params: { referenceNumber: string } }>(
      '/sessions/batch/:referenceNumber/close',
      { config: { ksef: { group: 'batchSession', auth: 'access', anyOf: [...WRITE] } } },
      (request, reply) => {
        closeBatchSession(ctx, authOf(request), request.params.referenceNumber);
        return reply.code(204).send();
      },
    );
  },
};

/** The storage side of batch uploads: PUT raw bytes to the pre-signed URL, no bearer, not rate-limited. */
export const batchStorageRoutes: RouteModule = {
  name: 'batch-storage',
  scope: 'root',
  register(app, ctx) {
    app.put<{ Params: { sessionRef: string; ordinal: string }; Querystring: { exp?: string; sig?: string } }>(
      '/storage/batch/:sessionRef/parts/:ordinal',
      { config: { ksef: { group: 'unlimited', auth: 'none' } } },
      (request, reply) => {
        checkPresigned(ctx, request);
        if (!Buffer.isBuffer(request.body)) throw validationError('Brak treści części paczki.');
        uploadPart(ctx, request.params.sessionRef, Number(request.params.ordinal), request.body);
        return reply.code(201).send();
      },
    );
  },
};
