import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { CreateGroupDto } from './dto/create-group.dto';
import { GroupDto, GroupListDto, GroupMemberListDto, type GroupView } from './dto/group.dto';
import { UpdateGroupDto } from './dto/update-group.dto';
import { GroupsException } from './groups.exception';
import { GroupsService } from './groups.service';

// Malformed ids cannot name anything of this tenant: "not found", like ids of other tenants.
const groupIdPipe = new ParseUUIDPipe({ exceptionFactory: () => GroupsException.notFound() });
const userIdPipe = new ParseUUIDPipe({ exceptionFactory: () => GroupsException.userNotFound() });

@ApiTags('groups')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOperation({ summary: 'Groups of people of the company with their member counts.' })
  @ZodResponse({ status: 200, type: GroupListDto })
  list(@Ctx() ctx: RequestContext): Promise<GroupListDto> {
    return this.groups.list(ctx);
  }

  @Post()
  @ApiOperation({ summary: 'Creates a group (names are unique within the company).' })
  @ZodResponse({ status: 201, type: GroupDto })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateGroupDto): Promise<GroupView> {
    return this.groups.create(ctx, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Renames a group or changes its description.' })
  @ZodResponse({ status: 200, type: GroupDto })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', groupIdPipe) id: string,
    @Body() body: UpdateGroupDto,
  ): Promise<GroupView> {
    return this.groups.update(ctx, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes a group; its members and folder permissions granted to it go with it.' })
  delete(@Ctx() ctx: RequestContext, @Param('id', groupIdPipe) id: string): Promise<void> {
    return this.groups.delete(ctx, id);
  }

  @Get(':id/members')
  @ApiOperation({ summary: 'People in the group.' })
  @ZodResponse({ status: 200, type: GroupMemberListDto })
  members(@Ctx() ctx: RequestContext, @Param('id', groupIdPipe) id: string): Promise<GroupMemberListDto> {
    return this.groups.members(ctx, id);
  }

  @Put(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Adds a person of the company to the group (idempotent).' })
  addMember(
    @Ctx() ctx: RequestContext,
    @Param('id', groupIdPipe) id: string,
    @Param('userId', userIdPipe) userId: string,
  ): Promise<void> {
    return this.groups.addMember(ctx, id, userId);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes a person from the group (idempotent).' })
  removeMember(
    @Ctx() ctx: RequestContext,
    @Param('id', groupIdPipe) id: string,
    @Param('userId', userIdPipe) userId: string,
  ): Promise<void> {
    return this.groups.removeMember(ctx, id, userId);
  }
}
