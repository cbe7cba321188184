import { API_KEY_SCOPES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const createApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Podaj nazwę klucza.' })
    .max(200, { error: 'Nazwa może mieć najwyżej 200 znaków.' }),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: `Dozwolone zakresy: ${API_KEY_SCOPES.join(', ')}.` }))
    .min(1, { error: 'Wybierz co najmniej jeden zakres.' })
    .refine((scopes) => new Set(scopes).size === scopes.length, { error: 'Zakresy nie mogą się powtarzać.' }),
  expiresAt: z.iso.datetime({ offset: true, error: 'Podaj datę w formacie ISO 8601.' }).optional(),
});

export class CreateApiKeyDto extends createZodDto(createApiKeySchema) {}
