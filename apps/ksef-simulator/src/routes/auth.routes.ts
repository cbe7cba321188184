import { normaliseIp } from '../core/ip-policy';
import { intParam, readContinuationToken } from '../core/paging';
import { authOf } from '../core/request-auth';
import { bodySchema } from '../openapi/openapi-schemas';
import {
  authStatus,
  createChallenge,
  listAuthSessions,
  redeem,
  refresh,
  revokeAuthSession,
} from '../services/auth-operations.service';
import { startTokenAuthentication, type InitTokenAuthenticationBody } from '../services/token-auth.service';
import { startXadesAuthentication } from '../services/xades-auth.service';
import type { RouteModule } from '../simulator-context';

/** Challenge, KSeF-token and XAdES authentication, status, redeem, refresh, authentication sessions. */
export const authRoutes: RouteModule = {
  name: 'auth',
  scope: 'ksef',
  register(app, ctx) {
    app.post('/auth/challenge', { config: { ksef: { group: 'public', auth: 'none' } } }, (request) =>
      createChallenge(ctx, normaliseIp(request.ip)),
    );

    app.post<{ Body: InitTokenAuthenticationBody }>(
      '/auth/ksef-token',
      {
        schema: { body: bodySchema('InitTokenAuthenticationRequest') },
        config: { ksef: { group: 'public', auth: 'none' } },
      },
      (request, reply) => reply.code(202).send(startTokenAuthentication(ctx, request.body)),
    );

    app.post<{ Querystring: { verifyCertificateChain?: string } }>(
      '/auth/xades-signature',
      { config: { ksef: { group: 'public', auth: 'none' } } },
      async (request, reply) => {
        const verifyCertificateChain = request.query.verifyCertificateChain === 'true';
        return reply.code(202).send(await startXadesAuthentication(ctx, request.body, { verifyCertificateChain }));
      },
    );

    // Literal paths first: /auth/sessions must not be taken for /auth/{referenceNumber}.
    app.get<{ Querystring: { pageSize?: string } }>(
      '/auth/sessions',
      { config: { ksef: { group: 'other', auth: 'access' } } },
      (request) => {
        const pageSize = intParam(request.query.pageSize, 'pageSize', 10, 100, 10);
        const offset = readContinuationToken(request.headers['x-continuation-token']);
        return listAuthSessions(ctx, authOf(request), offset, pageSize);
      },
    );

    app.delete(
      '/auth/sessions/current',
      { config: { ksef: { group: 'other', auth: 'accessOrRefresh' } } },
      (request, reply) => {
        revokeAuthSession(ctx, authOf(request), null);
        return reply.code(204).send();
      },
    );

    app.delete<{ Params: { referenceNumber: string } }>(
      '/auth/sessions/:referenceNumber',
      { config: { ksef: { group: 'other', auth: 'access' } } },
      (request, reply) => {
        revokeAuthSession(ctx, authOf(request), request.params.referenceNumber);
        return reply.code(204).send();
      },
    );

    app.post('/auth/token/redeem', { config: { ksef: { group: 'public', auth: 'authentication' } } }, (request) =>
      redeem(ctx, authOf(request)),
    );

    app.post('/auth/token/refresh', { config: { ksef: { group: 'public', auth: 'refresh' } } }, (request) =>
      refresh(ctx, authOf(request)),
    );

    app.get<{ Params: { referenceNumber: string } }>(
      '/auth/:referenceNumber',
      { config: { ksef: { group: 'public', auth: 'authentication' } } },
      (request) => authStatus(ctx, authOf(request), request.params.referenceNumber),
    );
  },
};
