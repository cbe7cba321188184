import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { correlationIdOf } from '../../common/correlation-id';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import type { Principal } from '../auth/principal';
import type { RequestContext } from './request-context';
import { TenancyException } from './tenancy.exception';
import { TenancyRepository } from './tenancy.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** `demo.bufor.pl` with base domain `bufor.pl` -> `demo`; anything else -> null. */
export function slugFromHost(hostname: string, baseDomain: string): string | null {
  const host = hostname.toLowerCase();
  const suffix = `.${baseDomain.toLowerCase()}`;
  if (!host.endsWith(suffix)) return null;
  const slug = host.slice(0, -suffix.length);
  return SLUG.test(slug) ? slug : null;
}

/**
 * Finds the tenant of a request: from the portal address (`{slug}.<base domain>`) or the tenant switcher's
 * `X-Tenant-Id` header, or the only tenant of the caller. Both paths end here, in one check of membership.
 */
@Injectable()
export class TenantResolver {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly tenancy: TenancyRepository,
  ) {}

  async resolve(principal: Principal, request: Request): Promise<RequestContext> {
    const requested = await this.requestedTenantId(request);
    const base = { ip: request.ip ?? null, correlationId: correlationIdOf(request) };

    if (principal.kind === 'apiKey') {
      if (requested && requested !== principal.tenantId) throw TenancyException.notFound();
      return {
        ...base,
        tenant: { id: principal.tenantId },
        role: 'integration',
        userId: null,
        apiKeyId: principal.apiKeyId,
        scopes: principal.scopes,
      };
    }

    let tenantId = requested;
    if (!tenantId) {
      const tenantIds = await this.tenancy.activeTenantIds(principal.userId);
      if (tenantIds.length !== 1)
        throw tenantIds.length === 0 ? TenancyException.notFound() : TenancyException.required();
      tenantId = tenantIds[0]!;
    }
    const role = await this.tenancy.activeRole(tenantId, principal.userId);
    if (!role) throw TenancyException.notFound();
    return { ...base, tenant: { id: tenantId }, role, userId: principal.userId, apiKeyId: null, scopes: [] };
  }

  private async requestedTenantId(request: Request): Promise<string | null> {
    const header = request.headers['x-tenant-id'];
    const fromHeader = typeof header === 'string' && header.length > 0 ? header : null;
    if (fromHeader && !UUID.test(fromHeader)) throw TenancyException.notFound();

    const slug = slugFromHost(request.hostname, this.config.BASE_DOMAIN);
    const fromHost = slug ? await this.tenancy.tenantIdBySlug(slug) : null;
    if (slug && !fromHost) throw TenancyException.notFound();
    if (fromHeader && fromHost && fromHeader.toLowerCase() !== fromHost) throw TenancyException.mismatch();
    return fromHeader?.toLowerCase() ?? fromHost;
  }
}
