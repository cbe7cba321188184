import type { TenantEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import type { RequestContext } from '../tenancy/request-context';
import type { CreateTenantInput, OperatorTenantView } from './dto/create-tenant.dto';
import type { tenantSchema } from './dto/tenant.dto';
import type { UpdateTenantInput } from './dto/update-tenant.dto';
import { RESERVED_SLUGS, slugCandidate, slugFromName } from './tenant-slug';
import { TenantsException } from './tenants.exception';
import { type TenantChange, TenantsRepository, uniqueViolationOf } from './tenants.repository';

type TenantView = z.infer<typeof tenantSchema>;

/** The operator creating a tenant: not a member of it, recorded as the actor of its first audit event. */
export interface OperatorCaller {
  userId: string;
  ip: string | null;
  correlationId: string;
}

const AUDITED_FIELDS = [
  'name',
  'registeredAddress',
  'correspondenceAddress',
  'eori',
  'taxpayerStatus',
  'contactEmail',
  'ksefEnvironment',
] as const;

function details(tenant: TenantEntity) {
  return {
    id: tenant.id,
    nip: tenant.nip,
    slug: tenant.slug,
    name: tenant.name,
    plan: tenant.plan,
    registeredAddress: tenant.registeredAddress,
    correspondenceAddress: tenant.correspondenceAddress,
    eori: tenant.eori,
    taxpayerStatus: tenant.taxpayerStatus,
    contactEmail: tenant.contactEmail,
    ksefEnvironment: tenant.ksefEnvironment,
  };
}

@Injectable()
export class TenantsService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
    private readonly invitations: InvitationsService,
  ) {}

  async current(ctx: RequestContext): Promise<TenantView> {
    const tenant = await this.tenants.findCurrent(ctx.tenant);
    if (!tenant) throw TenantsException.notFound();
    return { ...details(tenant), role: ctx.role };
  }

  async update(ctx: RequestContext, input: UpdateTenantInput): Promise<TenantView> {
    const updated = await this.tenants.update(
      ctx.tenant,
      (current) => {
        if (input.ksefEnvironment === 'PRD' && current.plan === 'demo') throw TenantsException.planForbidsPrd();
        const change: TenantChange = {};
        for (const field of AUDITED_FIELDS) {
          if (input[field] !== undefined) Object.assign(change, { [field]: input[field] });
        }
        return change;
      },
      async (before, after, manager) => {
        const changed = AUDITED_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
        if (changed.length > 0) {
          await this.audit.record(
            ctx,
            {
              action: 'tenant.updated',
              targetType: 'tenant',
              targetId: after.id,
              before: Object.fromEntries(changed.map((f) => [f, before[f]])),
              after: Object.fromEntries(changed.map((f) => [f, after[f]])),
            },
            manager,
          );
        }
        return after;
      },
    );
    if (!updated) throw TenantsException.notFound();
    return { ...details(updated), role: ctx.role };
  }

  async create(caller: OperatorCaller, input: CreateTenantInput): Promise<OperatorTenantView> {
    if (await this.tenants.nipExists(input.nip)) throw TenantsException.nipTaken();
    const slug = input.slug ?? (await this.freeSlug(slugFromName(input.name)));
    if (input.slug && (await this.tenants.slugExists(input.slug))) throw TenantsException.slugTaken();
    try {
      const { tenant, owner } = await this.tenants.create(
        {
          nip: input.nip,
          name: input.name,
          slug,
          plan: input.plan,
          contactEmail: input.contactEmail ?? null,
          registeredAddress: input.registeredAddress ?? null,
          correspondenceAddress: input.correspondenceAddress ?? null,
          eori: input.eori ?? null,
          taxpayerStatus: input.taxpayerStatus ?? 'active',
        },
        input.owner,
        async (tenant, owner, manager) => {
          const ctx: RequestContext = {
            tenant: { id: tenant.id },
            // Not recorded by the audit; the operator is no member of the tenant.
            role: 'owner',
            userId: caller.userId,
            apiKeyId: null,
            scopes: [],
            ip: caller.ip,
            correlationId: caller.correlationId,
          };
          await this.audit.record(
            ctx,
            {
              action: 'tenant.created',
              targetType: 'tenant',
              targetId: tenant.id,
              after: { ...details(tenant), ownerUserId: owner.id, ownerEmail: owner.email },
            },
            manager,
          );
          return { tenant, owner };
        },
      );
      await this.invitations.invite(
        { id: tenant.id, name: tenant.name },
        { id: owner.id, email: owner.email, displayName: owner.displayName, hasPassword: owner.passwordHash !== null },
      );
      return { ...details(tenant), createdAt: tenant.createdAt.toISOString() };
    } catch (error) {
      const column = uniqueViolationOf(error);
      if (column === 'nip') throw TenantsException.nipTaken();
      if (column === 'slug') throw TenantsException.slugTaken();
      throw error;
    }
  }

  async list(page: number, pageSize: number, q?: string) {
    const [rows, total] = await this.tenants.list(page, pageSize, q);
    return {
      items: rows.map((tenant) => ({ ...details(tenant), createdAt: tenant.createdAt.toISOString() })),
      page,
      pageSize,
      total,
    };
  }

  /** The first free `base`, `base-2`, … (a race with another creation is caught by the unique index). */
  private async freeSlug(base: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const candidate = slugCandidate(base, attempt);
      if (!RESERVED_SLUGS.has(candidate) && !(await this.tenants.slugExists(candidate))) return candidate;
    }
  }
}
