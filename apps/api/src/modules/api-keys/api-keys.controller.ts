import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyListDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Integration keys of the company (never the keys themselves).' })
  @ZodResponse({ status: 200, type: ApiKeyListDto })
  list(@Ctx() ctx: RequestContext): Promise<ApiKeyListDto> {
    return this.keys.list(ctx);
  }

  @Post()
  @ApiOperation({ summary: 'Creates a key; the response is the only time the key is shown.' })
  @ZodResponse({ status: 201, type: CreatedApiKeyDto })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(ctx, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revokes a key for good.' })
  revoke(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<void> {
    return this.keys.revoke(ctx, id);
  }
}
