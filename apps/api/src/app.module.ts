import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ZodSerializerInterceptor, ZodValidationPipe } from 'nestjs-zod';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { RequestGuard } from './common/request.guard';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { DatabaseModule } from './infrastructure/database.module';
import { PlatformModule } from './infrastructure/platform.module';
import { RedisModule } from './infrastructure/redis.module';
import { loggerParams } from './logging';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { DocumentsModule } from './modules/documents/documents.module';
import { GroupsModule } from './modules/groups/groups.module';
import { HealthModule } from './modules/health/health.module';
import { KsefCredentialsModule } from './modules/ksef-credentials/ksef-credentials.module';
import { InvitationsModule } from './modules/invitations/invitations.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { TenancyModule } from './modules/tenancy/tenancy.module';
import { TenantsModule } from './modules/tenants/tenants.module';
import { UsersModule } from './modules/users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams(config)),
        DatabaseModule,
        RedisModule,
        PlatformModule,
        HealthModule,
        MetricsModule,
        AuthModule,
        TenancyModule,
        AuditModule,
        TenantsModule,
        ApiKeysModule,
        KsefCredentialsModule,
        DocumentsModule,
        InvitationsModule,
        UsersModule,
        GroupsModule,
      ],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: ZodSerializerInterceptor },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_GUARD, useClass: RequestGuard },
      ],
      exports: [API_CONFIG],
    };
  }
}
