import { API_KEY_SCOPES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const apiKeyShape = {
  id: z.uuid(),
  name: z.string(),
  /** Public part of the key (`bfk_<prefix>_...`), to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdAt: z.iso.datetime({ offset: true }),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
};

export const apiKeySchema = z.object(apiKeyShape).meta({ id: 'ApiKey' });

export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });

/** The key itself appears in this response only; it is stored as a hash. */
export const createdApiKeySchema = z.object({ ...apiKeyShape, key: z.string() });

export class ApiKeyListDto extends createZodDto(apiKeyListSchema) {}
export class CreatedApiKeyDto extends createZodDto(createdApiKeySchema) {}
