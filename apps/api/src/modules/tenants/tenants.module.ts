import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { OperatorTenantsController } from './operator-tenants.controller';
import { TenantsController } from './tenants.controller';
import { TenantsRepository } from './tenants.repository';
import { TenantsService } from './tenants.service';

@Module({
  imports: [InvitationsModule],
  controllers: [TenantsController, OperatorTenantsController],
  providers: [TenantsService, TenantsRepository],
})
export class TenantsModule {}
