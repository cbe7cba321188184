import type { FastifyRequest } from 'fastify';
import type { SimJwtClaims } from '../crypto/jwt';
import type { AuthOperationRecord } from '../domain/auth-operation';
import type { ContextIdentifier } from '../domain/identifiers';
import type { Permission } from '../domain/permissions';
import { UnauthorizedError } from './errors';

/** The authenticated caller, attached to the request by the guard. */
export interface RequestAuth {
  kind: 'authentication' | 'access' | 'refresh';
  token: string;
  claims: SimJwtClaims;
  operation: AuthOperationRecord;
  context: ContextIdentifier;
  contextKey: string;
  permissions: Permission[];
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}

/** For handlers of authenticated routes: the guard has already refused requests without a token. */
export function authOf(request: FastifyRequest): RequestAuth {
  if (!request.auth) throw new UnauthorizedError('Brak tokenu uwierzytelniającego.');
  return request.auth;
}
