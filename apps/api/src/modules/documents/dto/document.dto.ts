import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { documentListItemSchema } from './list-documents.dto';

export const documentSchema = documentListItemSchema.extend({
  folderPath: z.array(z.string()),
  saleDate: z.string().nullable(),
  netTotal: z.string(),
  vatTotal: z.string(),
  ksefAcceptedAt: z.string().nullable(),
  hasXml: z.boolean(),
  hasPdf: z.boolean(),
  hasUpo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller may move it or change its status. */
  canHandle: z.boolean(),
});

export class DocumentDto extends createZodDto(documentSchema) {}

export const updateDocumentSchema = z
  .object({
    folderId: z.uuid({ error: 'Podaj prawidłowy identyfikator katalogu.' }).optional(),
    status: z
      .enum(['booked', 'ignored'], {
        error: 'Status można zmienić tylko na booked (zaksięgowany) albo ignored (pominięty).',
      })
      .optional(),
  })
  .strict()
  .refine((value) => value.folderId !== undefined || value.status !== undefined, {
    error: 'Podaj nowy katalog (folderId) lub nowy status (status).',
    path: ['folderId'],
  });

export class UpdateDocumentDto extends createZodDto(updateDocumentSchema) {}
