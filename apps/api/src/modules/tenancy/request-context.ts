import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiKeyScope, MembershipRole, TenantRef } from '@bufor/db';
import { AuthException } from '../auth/auth.exception';

/**
 * Everything a tenant-scoped operation needs to know about its caller, resolved once by the request guard.
 * Services take it first; repositories take `ctx.tenant`.
 */
export interface RequestContext {
  tenant: TenantRef;
  /** 'integration' for API keys. */
  role: MembershipRole | 'integration';
  userId: string | null;
  apiKeyId: string | null;
  scopes: readonly ApiKeyScope[];
  ip: string | null;
  correlationId: string;
}

export interface ContextRequest {
  requestContext?: RequestContext;
}

export function isTenantAdmin(ctx: RequestContext): boolean {
  return ctx.role === 'owner' || ctx.role === 'admin';
}

/** The tenant context of the request; the guard guarantees it on every route not marked @NoTenant(). */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const requestContext = context.switchToHttp().getRequest<ContextRequest>().requestContext;
  if (!requestContext) throw AuthException.unauthenticated();
  return requestContext;
});
