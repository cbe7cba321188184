import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { DocumentDto, UpdateDocumentDto } from './dto/document.dto';
import { DocumentListDto, ListDocumentsQueryDto } from './dto/list-documents.dto';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: 'Documents the caller may see (permissions applied in SQL), paged, sorted and filtered.' })
  @ZodResponse({ status: 200, type: DocumentListDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ListDocumentsQueryDto): Promise<DocumentListDto> {
    return this.documents.list(ctx, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One document (404 when the caller may not see it).' })
  @ZodResponse({ status: 200, type: DocumentDto })
  detail(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<DocumentDto> {
    return this.documents.detail(ctx, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Moves a document to another folder or books/ignores it (needs handle).' })
  @ZodResponse({ status: 200, type: DocumentDto })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateDocumentDto): Promise<DocumentDto> {
    return this.documents.update(ctx, id, body);
  }
}
