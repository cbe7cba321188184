import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { InviteUserDto } from './dto/invite-user.dto';
import { ListUsersQueryDto, UserListDto } from './dto/list-users.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto, type UserView } from './dto/user.dto';
import { UsersException } from './users.exception';
import { UsersService } from './users.service';

/** A malformed id is "not found" too: it cannot name anyone of this tenant. */
const userIdPipe = new ParseUUIDPipe({ exceptionFactory: () => UsersException.notFound() });

@ApiTags('users')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'People of the company with their role, status and groups.' })
  @ZodResponse({ status: 200, type: UserListDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ListUsersQueryDto): Promise<UserListDto> {
    return this.users.list(ctx, query.page, query.pageSize);
  }

  @Post()
  @ApiOperation({ summary: 'Invites a person by e-mail (creates the account if new) and adds them to the company.' })
  @ZodResponse({ status: 201, type: UserDto })
  invite(@Ctx() ctx: RequestContext, @Body() body: InviteUserDto): Promise<UserView> {
    return this.users.invite(ctx, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes the display name or role, or disables/enables the person in this company.' })
  @ZodResponse({ status: 200, type: UserDto })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', userIdPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(ctx, id, body);
  }

  @Post(':id/resend-invitation')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sends the invitation e-mail again with a new link (earlier links stop working).' })
  resendInvitation(@Ctx() ctx: RequestContext, @Param('id', userIdPipe) id: string): Promise<void> {
    return this.users.resendInvitation(ctx, id);
  }
}
