import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { correlationIdOf } from '../../common/correlation-id';
import { CurrentUser } from '../auth/current-principal.decorator';
import type { UserPrincipal } from '../auth/principal';
import { OperatorOnly } from '../tenancy/access.decorators';
import {
  CreateTenantDto,
  OperatorTenantDto,
  OperatorTenantListDto,
  OperatorTenantQueryDto,
  type OperatorTenantView,
} from './dto/create-tenant.dto';
import { TenantsService } from './tenants.service';

/** Platform operators create companies; they see the directory of tenants, never a tenant's documents. */
@ApiTags('operator')
@ApiBearerAuth()
@OperatorOnly()
@Controller('v1/operator/tenants')
export class OperatorTenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @ApiOperation({ summary: 'Creates a company and invites its owner by e-mail.' })
  @ZodResponse({ status: 201, type: OperatorTenantDto })
  create(
    @CurrentUser() operator: UserPrincipal,
    @Req() request: Request,
    @Body() body: CreateTenantDto,
  ): Promise<OperatorTenantView> {
    return this.tenants.create(
      { userId: operator.userId, ip: request.ip ?? null, correlationId: correlationIdOf(request) },
      body,
    );
  }

  @Get()
  @ApiOperation({ summary: 'All companies, by name; `q` matches part of the name, NIP or address.' })
  @ZodResponse({ status: 200, type: OperatorTenantListDto })
  list(@Query() query: OperatorTenantQueryDto): Promise<OperatorTenantListDto> {
    return this.tenants.list(query.page, query.pageSize, query.q);
  }
}
