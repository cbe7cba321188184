import { Body, Controller, Delete, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { ExternalChallengeDto } from './dto/ksef-connection.dto';
import { CompleteExternalSigningDto, SetKsefCertificateDto, SetKsefTokenDto } from './dto/set-ksef-credentials.dto';
import { KsefCredentialsService } from './ksef-credentials.service';

/** Write-only: no route ever returns a stored secret. */
@ApiTags('ksef')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/ksef/credentials')
export class KsefCredentialsController {
  constructor(private readonly credentials: KsefCredentialsService) {}

  @Put('token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a KSeF token as the company credential.' })
  setToken(@Ctx() ctx: RequestContext, @Body() body: SetKsefTokenDto): Promise<void> {
    return this.credentials.setToken(ctx, body);
  }

  @Put('certificate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a certificate and its private key (PEM or Base64); the key must match.' })
  setCertificate(@Ctx() ctx: RequestContext, @Body() body: SetKsefCertificateDto): Promise<void> {
    return this.credentials.setCertificate(ctx, body);
  }

  @Post('external/challenge')
  @ApiOperation({ summary: 'External signing, step 1: the unsigned AuthTokenRequest to sign elsewhere.' })
  @ZodResponse({ status: 201, type: ExternalChallengeDto })
  startExternal(@Ctx() ctx: RequestContext): Promise<ExternalChallengeDto> {
    return this.credentials.startExternalSigning(ctx);
  }

  @Post('external/signed')
  @HttpCode(204)
  @ApiOperation({ summary: 'External signing, step 2: the signed AuthTokenRequest logs in to KSeF.' })
  completeExternal(@Ctx() ctx: RequestContext, @Body() body: CompleteExternalSigningDto): Promise<void> {
    return this.credentials.completeExternalSigning(ctx, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes the company KSeF credential.' })
  remove(@Ctx() ctx: RequestContext): Promise<void> {
    return this.credentials.remove(ctx);
  }
}
