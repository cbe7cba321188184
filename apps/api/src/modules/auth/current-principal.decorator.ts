import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AuthException } from './auth.exception';
import type { AuthenticatedRequest, UserPrincipal } from './principal';

/** The signed-in person; integrations never reach routes that use it (the guard lets API keys in only where allowed). */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw AuthException.unauthenticated();
  if (principal.kind !== 'user') throw AuthException.peopleOnly();
  return principal;
});
