import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ZodResponse } from 'nestjs-zod';
import { Public } from '../../common/public.decorator';
import { AuthService, type LoginResult, type SessionView } from './auth.service';
import { NoTenant } from '../tenancy/access.decorators';
import { CurrentUser } from './current-principal.decorator';
import { LoginDto } from './dto/login.dto';
import { LoginResponseDto, MeDto } from './dto/session.dto';
import type { UserPrincipal } from './principal';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token and the companies of the user.' })
  @ZodResponse({ status: 200, type: LoginResponseDto })
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResult> {
    return this.auth.login(body.email, body.password, {
      userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
      ip: request.ip ?? null,
    });
  }

  @ApiBearerAuth()
  @NoTenant()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Ends the current session.' })
  logout(@CurrentUser() principal: UserPrincipal): Promise<void> {
    return this.auth.logout(principal);
  }

  @ApiBearerAuth()
  @NoTenant()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user and the companies they belong to.' })
  @ZodResponse({ status: 200, type: MeDto })
  me(@CurrentUser() principal: UserPrincipal): Promise<SessionView> {
    return this.auth.me(principal);
  }
}
