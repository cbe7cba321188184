import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { RequestContext } from '../tenancy/request-context';
import type { tenantSchema } from './dto/tenant.dto';
import { TenantsException } from './tenants.exception';
import { TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(private readonly tenants: TenantsRepository) {}

  async current(ctx: RequestContext): Promise<z.infer<typeof tenantSchema>> {
    const tenant = await this.tenants.findCurrent(ctx.tenant);
    if (!tenant) throw TenantsException.notFound();
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
      role: ctx.role,
    };
  }
}
