import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { CreateFolderDto, DeleteFolderQueryDto, FolderDto, FolderListDto, UpdateFolderDto } from './dto/folder.dto';
import { FoldersService } from './folders.service';

@ApiTags('folders')
@ApiBearerAuth()
@Controller('v1/folders')
export class FoldersController {
  constructor(private readonly folders: FoldersService) {}

  @Get()
  @ApiOperation({ summary: 'The folders the caller may see (admins: all), with paths and visible document counts.' })
  @ZodResponse({ status: 200, type: FolderListDto })
  list(@Ctx() ctx: RequestContext): Promise<FolderListDto> {
    return this.folders.list(ctx);
  }

  @Post()
  @AdminOnly()
  @ApiOperation({ summary: 'Creates a folder (top level or under parentId).' })
  @ZodResponse({ status: 201, type: FolderDto })
  create(@Ctx() ctx: RequestContext, @Body() body: CreateFolderDto): Promise<FolderDto> {
    return this.folders.create(ctx, body);
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Renames or moves a folder (never into its own subtree).' })
  @ZodResponse({ status: 200, type: FolderDto })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateFolderDto): Promise<FolderDto> {
    return this.folders.update(ctx, id, body);
  }

  @Delete(':id')
  @AdminOnly()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deletes an empty folder, or a folder and its subfolders moving their documents elsewhere.',
  })
  remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: DeleteFolderQueryDto): Promise<void> {
    return this.folders.remove(ctx, id, query.moveDocumentsTo);
  }
}
