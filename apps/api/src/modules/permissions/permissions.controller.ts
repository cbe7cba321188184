import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { AccessViewDto, CreateGrantDto, EffectivePermissionsDto, GrantDto, GrantListDto } from './dto/grant.dto';
import { PermissionsService } from './permissions.service';

@ApiTags('permissions')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1')
export class PermissionsController {
  constructor(private readonly permissions: PermissionsService) {}

  @Get('folders/:id/grants')
  @ApiOperation({ summary: 'Grants on a folder (and, marked inherited, on its ancestors).' })
  @ZodResponse({ status: 200, type: GrantListDto })
  grants(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<GrantListDto> {
    return this.permissions.grants(ctx, id);
  }

  @Post('folders/:id/grants')
  @ApiOperation({ summary: 'Grants view or handle on a folder and its subfolders to a user or a group.' })
  @ZodResponse({ status: 201, type: GrantDto })
  grant(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CreateGrantDto): Promise<GrantDto> {
    return this.permissions.grant(ctx, id, body);
  }

  @Delete('folders/:id/grants/:grantId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a grant.' })
  revoke(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('grantId') grantId: string): Promise<void> {
    return this.permissions.revoke(ctx, id, grantId);
  }

  @Get('folders/:id/access')
  @ApiOperation({ summary: 'Who can see this folder, at which level, and through what.' })
  @ZodResponse({ status: 200, type: AccessViewDto })
  access(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<AccessViewDto> {
    return this.permissions.folderAccess(ctx, id);
  }

  @Get('users/:id/effective-permissions')
  @ApiOperation({ summary: "A user's effective folder permissions (the same computation every document query uses)." })
  @ZodResponse({ status: 200, type: EffectivePermissionsDto })
  effective(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<EffectivePermissionsDto> {
    return this.permissions.effectivePermissions(ctx, id);
  }
}
