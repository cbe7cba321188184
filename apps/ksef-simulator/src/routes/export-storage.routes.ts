import { exportPart, exportPartPath } from '../services/invoice-export.service';
import type { RouteModule } from '../simulator-context';

/** Pre-signed export part downloads served by the simulator itself (no bearer, not rate-limited). */
export const exportStorageRoutes: RouteModule = {
  name: 'export-storage',
  scope: 'root',
  register(app, ctx) {
    app.get<{ Params: { referenceNumber: string; ordinal: string }; Querystring: { exp?: string; sig?: string } }>(
      '/storage/exports/:referenceNumber/:ordinal',
      (request, reply) => {
        const ordinal = Number(request.params.ordinal);
        const path = exportPartPath(request.params.referenceNumber, ordinal);
        const check = ctx.urls.verify(path, request.query.exp, request.query.sig, ctx.clock.now());
        if (check !== 'ok') {
          return reply
            .code(403)
            .type('application/xml')
            .send(
              `<Error><Code>${check === 'expired' ? 'AuthenticationFailed' : 'AuthorizationFailure'}</Code></Error>`,
            );
        }
        const part = exportPart(ctx, request.params.referenceNumber, ordinal);
        if (!part) return reply.code(404).type('application/xml').send('<Error><Code>BlobNotFound</Code></Error>');
        return reply.type('application/octet-stream').send(part);
      },
    );
  },
};
