import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { ApiKeyAuthRepository } from './api-key-auth.repository';
import { AuthService } from './auth.service';
import { AuthSessionRepository } from './auth-session.repository';
import { PasswordHasher } from './password-hasher';
import { UserRepository } from './user.repository';

@Module({
  controllers: [AuthController],
  providers: [AuthService, AuthSessionRepository, UserRepository, PasswordHasher, ApiKeyAuthRepository],
  exports: [AuthService, PasswordHasher, UserRepository],
})
export class AuthModule {}
