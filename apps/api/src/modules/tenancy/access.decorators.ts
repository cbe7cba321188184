import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from '@bufor/db';

export const NO_TENANT = 'bufor:noTenant';
export const ADMIN_ONLY = 'bufor:adminOnly';
export const API_KEY_SCOPES = 'bufor:apiKeyScopes';
export const OPERATOR_ONLY = 'bufor:operatorOnly';

/** The route is about the caller, not a tenant (e.g. /v1/me): no tenant is resolved. */
export const NoTenant = (): MethodDecorator & ClassDecorator => SetMetadata(NO_TENANT, true);

/** Only the tenant's owners and admins. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);

/** Integrations (API keys) may call the route when their key has every listed scope; otherwise people only. */
export const AllowApiKey = (...scopes: ApiKeyScope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(API_KEY_SCOPES, scopes);

/** Platform operators only (creating tenants); implies @NoTenant(). */
export const OperatorOnly = (): MethodDecorator & ClassDecorator => SetMetadata(OPERATOR_ONLY, true);
