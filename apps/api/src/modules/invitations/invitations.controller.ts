import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { correlationIdOf } from '../../common/correlation-id';
import { Public } from '../../common/public.decorator';
import { RequestPasswordResetDto } from './dto/request-password-reset.dto';
import { SetPasswordDto } from './dto/set-password.dto';
import { InvitationsService } from './invitations.service';

/** Public by design: the caller has no password yet (invitation) or has forgotten it (reset). */
@ApiTags('auth')
@Controller('v1/auth')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Public()
  @Post('set-password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sets a password with the one-time token from an invitation or password-reset e-mail.' })
  async setPassword(@Body() body: SetPasswordDto, @Req() request: Request): Promise<void> {
    await this.invitations.setPassword(body.token, body.password, {
      ip: request.ip ?? null,
      correlationId: correlationIdOf(request),
    });
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({ summary: 'Sends a password-reset link if the account exists; answers the same either way.' })
  requestPasswordReset(@Body() body: RequestPasswordResetDto): void {
    this.invitations.requestPasswordReset(body.email);
  }
}
