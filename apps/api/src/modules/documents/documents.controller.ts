import { Body, Controller, Get, Param, Patch, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { DocumentDto, UpdateDocumentDto } from './dto/document.dto';
import { DocumentListDto, ListDocumentsQueryDto } from './dto/list-documents.dto';
import { DocumentPdfService } from './document-pdf.service';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1/documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly pdfs: DocumentPdfService,
  ) {}

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

  @Get(':id/pdf')
  @ApiOperation({
    summary: 'The invoice as PDF (the visualisation the e-mail attaches); 409 when the document has no invoice XML.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async pdf(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<StreamableFile> {
    const { bytes, fileName } = await this.pdfs.pdf(ctx, id);
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      disposition: `inline; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      length: bytes.length,
    });
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Moves a document to another folder or books/ignores it (needs handle).' })
  @ZodResponse({ status: 200, type: DocumentDto })
  update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateDocumentDto): Promise<DocumentDto> {
    return this.documents.update(ctx, id, body);
  }
}
