import { Global, Module } from '@nestjs/common';
import { TenancyRepository } from './tenancy.repository';
import { TenantResolver } from './tenant-resolver.service';

@Global()
@Module({ providers: [TenancyRepository, TenantResolver], exports: [TenancyRepository, TenantResolver] })
export class TenancyModule {}
