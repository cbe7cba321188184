import type { FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../core/errors';
import { sessionInvoicesTable, sessionsTable } from '../domain/session';
import type { RouteModule, SimulatorContext } from '../simulator-context';
import { invoiceUpoXml, sessionUpoPageXml } from '../services/upo.builder';
import { sendXml } from './sessions.routes';

/** Verifies `?exp&sig` of a pre-signed URL against the request path. */
export function checkPresigned(
  ctx: SimulatorContext,
  request: FastifyRequest<{ Querystring: { exp?: string; sig?: string } }>,
): void {
  const path = request.url.split('?')[0] ?? '';
  const verdict = ctx.urls.verify(path, request.query.exp, request.query.sig, ctx.clock.now());
  if (verdict === 'invalid') throw new UnauthorizedError('Nieprawidłowy podpis adresu.');
  if (verdict === 'expired') throw new ForbiddenError('insufficient-resource-access', 'Adres wygasł.');
}

type Signed = { Querystring: { exp?: string; sig?: string } };

/** Pre-signed UPO downloads (no bearer, not rate-limited), at the server root like a storage account. */
export const upoStorageRoutes: RouteModule = {
  name: 'upo-storage',
  scope: 'root',
  register(app, ctx) {
    const config = { ksef: { group: 'unlimited' as const, auth: 'none' as const } };
    app.get<Signed & { Params: { sessionRef: string; invoiceRef: string } }>(
      '/storage/upo/:sessionRef/invoices/:invoiceRef',
      { config },
      (request, reply) => {
        checkPresigned(ctx, request);
        const invoice = sessionInvoicesTable(ctx.store).get(request.params.invoiceRef);
        const session = sessionsTable(ctx.store).get(request.params.sessionRef);
        const xml =
          invoice && session && invoice.sessionReferenceNumber === session.referenceNumber
            ? invoiceUpoXml(ctx, session, invoice)
            : null;
        if (!xml) return reply.code(404).send();
        return sendXml(reply, xml);
      },
    );
    app.get<Signed & { Params: { sessionRef: string; upoRef: string } }>(
      '/storage/upo/:sessionRef/pages/:upoRef',
      { config },
      (request, reply) => {
        checkPresigned(ctx, request);
        const session = sessionsTable(ctx.store).get(request.params.sessionRef);
        const xml = session ? sessionUpoPageXml(ctx, session, request.params.upoRef) : null;
        if (!xml) return reply.code(404).send();
        return sendXml(reply, xml);
      },
    );
  },
};
