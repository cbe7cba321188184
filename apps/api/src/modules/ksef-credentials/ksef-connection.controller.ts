import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import {
  ConnectionTestDto,
  KsefCertificateListDto,
  KsefConnectionDto,
  KsefTokenListDto,
} from './dto/ksef-connection.dto';
import { KsefConnectionService } from './ksef-connection.service';

@ApiTags('ksef')
@ApiBearerAuth()
@Controller('v1/ksef')
export class KsefConnectionController {
  constructor(private readonly connection: KsefConnectionService) {}

  @Get('connection')
  @ApiOperation({ summary: 'The connection panel: method, expiry, last success and last error (never a secret).' })
  @ZodResponse({ status: 200, type: KsefConnectionDto })
  panel(@Ctx() ctx: RequestContext): Promise<KsefConnectionDto> {
    return this.connection.panel(ctx);
  }

  @Post('connection/test')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({ summary: '"Sprawdź połączenie": a real login to the company KSeF environment.' })
  @ZodResponse({ status: 200, type: ConnectionTestDto })
  test(@Ctx() ctx: RequestContext): Promise<ConnectionTestDto> {
    return this.connection.test(ctx);
  }

  @Get('tokens')
  @AdminOnly()
  @ApiOperation({ summary: 'KSeF tokens of the company, as KSeF lists them.' })
  @ZodResponse({ status: 200, type: KsefTokenListDto })
  tokens(@Ctx() ctx: RequestContext): Promise<KsefTokenListDto> {
    return this.connection.tokens(ctx);
  }

  @Get('certificates')
  @AdminOnly()
  @ApiOperation({ summary: 'KSeF certificates of the company with expiry categories (soon: within 30 days).' })
  @ZodResponse({ status: 200, type: KsefCertificateListDto })
  certificates(@Ctx() ctx: RequestContext): Promise<KsefCertificateListDto> {
    return this.connection.certificates(ctx);
  }
}
