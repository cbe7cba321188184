import { DOCUMENT_CATEGORIES, FOLDER_PERMISSIONS } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const categories = z
  .array(z.enum(DOCUMENT_CATEGORIES, { error: `Dozwolone rodzaje: ${DOCUMENT_CATEGORIES.join(', ')}.` }))
  .min(1, { error: 'Podaj co najmniej jeden rodzaj dokumentów albo pomiń to pole (wszystkie rodzaje).' })
  .max(DOCUMENT_CATEGORIES.length);

export const createGrantSchema = z
  .object({
    userId: z.uuid({ error: 'Podaj prawidłowy identyfikator użytkownika.' }).optional(),
    groupId: z.uuid({ error: 'Podaj prawidłowy identyfikator grupy.' }).optional(),
    permission: z.enum(FOLDER_PERMISSIONS, { error: 'Uprawnienie musi mieć wartość view albo handle.' }),
    documentKinds: categories.nullable().optional(),
  })
  .strict()
  .superRefine((value, issues) => {
    if ((value.userId === undefined) === (value.groupId === undefined)) {
      issues.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'Podaj dokładnie jedno z pól: userId (użytkownik) albo groupId (grupa).',
      });
    }
  });

export class CreateGrantDto extends createZodDto(createGrantSchema) {}

export const grantSchema = z.object({
  id: z.uuid(),
  folderId: z.uuid(),
  subject: z.object({ type: z.enum(['user', 'group']), id: z.uuid(), name: z.string() }),
  permission: z.enum(FOLDER_PERMISSIONS),
  documentKinds: z.array(z.string()).nullable(),
  /** Granted on an ancestor folder and inherited here. */
  inherited: z.boolean(),
});

export class GrantDto extends createZodDto(grantSchema) {}
export class GrantListDto extends createZodDto(z.object({ items: z.array(grantSchema) })) {}

export const accessViewSchema = z.object({
  items: z.array(
    z.object({
      user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }),
      permission: z.enum(FOLDER_PERMISSIONS),
      via: z.array(
        z.object({ type: z.enum(['role', 'user', 'group']), name: z.string(), folderId: z.uuid().nullable() }),
      ),
      documentKinds: z.array(z.string()).nullable(),
    }),
  ),
});

export class AccessViewDto extends createZodDto(accessViewSchema) {}

export const effectivePermissionsSchema = z.object({
  items: z.array(
    z.object({
      folderId: z.uuid(),
      permission: z.enum(FOLDER_PERMISSIONS),
      documentKinds: z.array(z.string()).nullable(),
    }),
  ),
});

export class EffectivePermissionsDto extends createZodDto(effectivePermissionsSchema) {}
