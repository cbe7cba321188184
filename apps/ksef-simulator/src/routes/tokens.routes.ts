import { validationError } from '../core/errors';
import { intParam, page, readContinuationToken } from '../core/paging';
import { authOf } from '../core/request-auth';
import type { KsefTokenStatus } from '../domain/ksef-token';
import { bodySchema } from '../openapi/openapi-schemas';
import {
  generateToken,
  getToken,
  listTokens,
  revokeToken,
  tokenView,
  type GenerateTokenBody,
} from '../services/tokens.service';
import type { RouteModule } from '../simulator-context';

const STATUSES = new Set<KsefTokenStatus>(['Pending', 'Active', 'Revoking', 'Revoked', 'Failed']);

interface ListQuery {
  status?: string | string[];
  description?: string;
  authorIdentifier?: string;
  authorIdentifierType?: string;
  pageSize?: string;
}

function statusesOf(value: string | string[] | undefined): KsefTokenStatus[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  for (const status of list) {
    if (!STATUSES.has(status as KsefTokenStatus)) throw validationError(`status: nieznany status tokena '${status}'`);
  }
  return list as KsefTokenStatus[];
}

function minLength(value: string | undefined, name: string): string | undefined {
  if (value !== undefined && value.length < 3) throw validationError(`${name}: wymagane są co najmniej 3 znaki`);
  return value;
}

/** KSeF tokens: generate (Pending -> Active), list with filters and continuation tokens, get, revoke. */
export const tokensRoutes: RouteModule = {
  name: 'tokens',
  scope: 'ksef',
  register(app, ctx) {
    app.post<{ Body: GenerateTokenBody }>(
      '/tokens',
      { schema: { body: bodySchema('GenerateTokenRequest') }, config: { ksef: { group: 'other', auth: 'access' } } },
      (request, reply) => reply.code(202).send(generateToken(ctx, authOf(request), request.body)),
    );

    app.get<{ Querystring: ListQuery }>(
      '/tokens',
      { config: { ksef: { group: 'other', auth: 'access' } } },
      (request) => {
        const q = request.query;
        const type = q.authorIdentifierType;
        if (type !== undefined && !['Nip', 'Pesel', 'Fingerprint'].includes(type)) {
          throw validationError('authorIdentifierType: dozwolone wartości to Nip, Pesel, Fingerprint');
        }
        const pageSize = intParam(q.pageSize, 'pageSize', 10, 100, 10);
        const offset = readContinuationToken(request.headers['x-continuation-token']);
        const tokens = listTokens(ctx, authOf(request), {
          statuses: statusesOf(q.status),
          description: minLength(q.description, 'description'),
          authorIdentifier: minLength(q.authorIdentifier, 'authorIdentifier'),
          authorIdentifierType: type,
        });
        const { slice, continuationToken } = page(tokens, offset, pageSize);
        return { continuationToken, tokens: slice.map(tokenView) };
      },
    );

    app.get<{ Params: { referenceNumber: string } }>(
      '/tokens/:referenceNumber',
      { config: { ksef: { group: 'other', auth: 'access' } } },
      (request) => getToken(ctx, authOf(request), request.params.referenceNumber),
    );

    app.delete<{ Params: { referenceNumber: string } }>(
      '/tokens/:referenceNumber',
      { config: { ksef: { group: 'other', auth: 'access' } } },
      (request, reply) => {
        revokeToken(ctx, authOf(request), request.params.referenceNumber);
        return reply.code(204).send();
      },
    );
  },
};
