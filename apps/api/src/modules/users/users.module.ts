import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({ imports: [InvitationsModule], controllers: [UsersController], providers: [UsersService, UsersRepository] })
export class UsersModule {}
