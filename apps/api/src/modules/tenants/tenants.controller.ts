import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly, AllowApiKey } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { TenantDto } from './dto/tenant.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('v1/tenant')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @AllowApiKey()
  @ApiOperation({ summary: 'The current company (from the portal address, X-Tenant-Id or the API key).' })
  @ZodResponse({ status: 200, type: TenantDto })
  current(@Ctx() ctx: RequestContext): Promise<TenantDto> {
    return this.tenants.current(ctx);
  }

  @Patch()
  @AdminOnly()
  @ApiOperation({ summary: 'Changes the company details (Ustawienia → Dane firmy); NIP, address and plan are fixed.' })
  @ZodResponse({ status: 200, type: TenantDto })
  update(@Ctx() ctx: RequestContext, @Body() body: UpdateTenantDto): Promise<TenantDto> {
    return this.tenants.update(ctx, body);
  }
}
