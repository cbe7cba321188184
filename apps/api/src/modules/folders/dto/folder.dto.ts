import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const folderName = z
  .string({ error: 'Podaj nazwę katalogu.' })
  .trim()
  .min(1, { error: 'Nazwa katalogu nie może być pusta.' })
  .max(200, { error: 'Nazwa katalogu może mieć najwyżej 200 znaków.' })
  .refine((name) => !name.includes('/'), { error: 'Nazwa katalogu nie może zawierać znaku „/”.' });

const folderId = (what: string) => z.uuid({ error: `Podaj prawidłowy identyfikator ${what}.` });

export const createFolderSchema = z
  .object({ name: folderName, parentId: folderId('katalogu nadrzędnego').nullable().optional() })
  .strict();
export class CreateFolderDto extends createZodDto(createFolderSchema) {}

export const updateFolderSchema = z
  .object({ name: folderName.optional(), parentId: folderId('katalogu nadrzędnego').nullable().optional() })
  .strict()
  .refine((value) => value.name !== undefined || value.parentId !== undefined, {
    error: 'Podaj nową nazwę (name) lub nowy katalog nadrzędny (parentId).',
    path: ['name'],
  });
export class UpdateFolderDto extends createZodDto(updateFolderSchema) {}

export const deleteFolderQuerySchema = z.object({ moveDocumentsTo: folderId('katalogu docelowego').optional() });
export class DeleteFolderQueryDto extends createZodDto(deleteFolderQuerySchema) {}

export const folderSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  systemKey: z.enum(['unassigned']).nullable(),
  /** Names from the top of the tree down to this folder. */
  path: z.array(z.string()),
  /** Documents in this folder (not subfolders) that the caller may see. */
  documentCount: z.number().int(),
  canHandle: z.boolean(),
});
export class FolderDto extends createZodDto(folderSchema) {}
export class FolderListDto extends createZodDto(z.object({ items: z.array(folderSchema) })) {}
