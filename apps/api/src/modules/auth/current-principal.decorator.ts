import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AuthException } from './auth.exception';
import type { AuthenticatedRequest, Principal } from './principal';

/** The authenticated caller; the global guard guarantees it on every non-public route. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw AuthException.unauthenticated();
  return principal;
});
