import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyScope } from '@bufor/db';
import type { Request } from 'express';
import { AuthException } from '../modules/auth/auth.exception';
import { AuthService } from '../modules/auth/auth.service';
import type { AuthenticatedRequest } from '../modules/auth/principal';
import { ADMIN_ONLY, API_KEY_SCOPES, NO_TENANT, OPERATOR_ONLY } from '../modules/tenancy/access.decorators';
import { type ContextRequest, isTenantAdmin } from '../modules/tenancy/request-context';
import { TenancyRepository } from '../modules/tenancy/tenancy.repository';
import { TenantResolver } from '../modules/tenancy/tenant-resolver.service';
import { IS_PUBLIC } from './public.decorator';

type GuardedRequest = Request & AuthenticatedRequest & ContextRequest & { tenantId?: string };

/**
 * The one global guard: every route needs a caller (session or API key) unless @Public(); then, unless
 * @NoTenant()/@OperatorOnly(), the tenant is resolved and membership checked; then role and API-key scopes.
 */
@Injectable()
export class RequestGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly resolver: TenantResolver,
    private readonly tenancy: TenancyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const meta = <T>(key: string) =>
      this.reflector.getAllAndOverride<T>(key, [context.getHandler(), context.getClass()]);
    if (meta<boolean>(IS_PUBLIC)) return true;

    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const match = request.headers.authorization ? /^Bearer\s+(\S+)$/i.exec(request.headers.authorization) : null;
    const token =
      match?.[1] ?? (typeof request.headers['x-api-key'] === 'string' ? request.headers['x-api-key'] : null);
    if (!token) throw AuthException.unauthenticated();
    const principal = await this.auth.authenticate(token);
    request.principal = principal;

    const scopes = meta<ApiKeyScope[] | undefined>(API_KEY_SCOPES);
    if (principal.kind === 'apiKey') {
      if (!scopes) throw AuthException.peopleOnly();
      const missing = scopes.filter((scope) => !principal.scopes.includes(scope));
      if (missing.length > 0) throw AuthException.scopeMissing(missing);
    }

    if (meta<boolean>(OPERATOR_ONLY)) {
      if (principal.kind !== 'user' || !(await this.tenancy.isPlatformOperator(principal.userId))) {
        throw AuthException.roleMissing();
      }
      return true;
    }
    if (meta<boolean>(NO_TENANT)) return true;

    const requestContext = await this.resolver.resolve(principal, request);
    if (meta<boolean>(ADMIN_ONLY) && !isTenantAdmin(requestContext)) throw AuthException.roleMissing();
    request.requestContext = requestContext;
    request.tenantId = requestContext.tenant.id;
    return true;
  }
}
