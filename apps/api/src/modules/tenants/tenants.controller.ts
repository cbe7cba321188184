import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AllowApiKey } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { TenantDto } from './dto/tenant.dto';
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
}
