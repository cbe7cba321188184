import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthSessionRepository } from './auth-session.repository';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';

@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    AuthSessionRepository,
    UserRepository,
    PasswordHasher,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, PasswordHasher, UserRepository],
})
export class AuthModule {}
