import { Module } from '@nestjs/common';
import { FoldersModule } from '../folders/folders.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { DocumentContentRepository } from './document-content.repository';
import { DocumentPdfService } from './document-pdf.service';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

/** Documents with the folder tree and permissions they are filtered by (registering this registers all three). */
@Module({
  imports: [PermissionsModule, FoldersModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentsRepository, DocumentContentRepository, DocumentPdfService],
})
export class DocumentsModule {}
