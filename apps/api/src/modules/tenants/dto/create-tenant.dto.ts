import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isValidNip } from '../nip';
import { RESERVED_SLUGS, SLUG_PATTERN } from '../tenant-slug';
import { tenantSchema, postalAddressSchema } from './tenant.dto';
import { contactEmailSchema, eoriSchema, taxpayerStatusSchema, tenantNameSchema } from './update-tenant.dto';

export const createTenantSchema = z.object({
  // Separators people type ("526-025-02-74") are dropped before the checksum is checked.
  nip: z
    .string({ error: 'Podaj NIP.' })
    .transform((nip) => nip.replace(/[\s-]/g, ''))
    .refine((nip) => /^\d{10}$/.test(nip), { error: 'NIP musi składać się z 10 cyfr.', abort: true })
    .refine(isValidNip, { error: 'NIP ma nieprawidłową cyfrę kontrolną.' }),
  name: tenantNameSchema,
  slug: z
    .string()
    .regex(SLUG_PATTERN, {
      error: 'Adres firmy może zawierać małe litery, cyfry i myślniki (nie na początku ani na końcu), do 63 znaków.',
    })
    .refine((slug) => !RESERVED_SLUGS.has(slug), { error: 'Ten adres jest zarezerwowany; wybierz inny.' })
    .optional(),
  plan: z.enum(['demo', 'full'], { error: 'Plan musi być jednym z: demo, full.' }),
  contactEmail: contactEmailSchema.optional(),
  registeredAddress: postalAddressSchema.optional(),
  correspondenceAddress: postalAddressSchema.optional(),
  eori: eoriSchema.optional(),
  taxpayerStatus: taxpayerStatusSchema.optional(),
  owner: z.object({
    email: z
      .email({ error: 'Podaj prawidłowy adres e-mail właściciela.' })
      .max(320)
      .transform((email) => email.toLowerCase()),
    displayName: z
      .string({ error: 'Podaj imię i nazwisko właściciela.' })
      .trim()
      .min(1, { error: 'Podaj imię i nazwisko właściciela.' })
      .max(200, { error: 'Imię i nazwisko może mieć najwyżej 200 znaków.' }),
  }),
});

export type CreateTenantInput = z.infer<typeof createTenantSchema>;

export const operatorTenantSchema = tenantSchema.omit({ role: true }).extend({ createdAt: z.iso.datetime() });

export type OperatorTenantView = z.infer<typeof operatorTenantSchema>;

export const operatorTenantListSchema = z.object({
  items: z.array(operatorTenantSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const operatorTenantQuerySchema = z.object({
  page: z.coerce.number().int().min(1, { error: 'Numer strony zaczyna się od 1.' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'Rozmiar strony może wynosić najwyżej 200.' }).default(50),
  /** Part of the name, NIP or slug. */
  q: z.string().trim().max(200).optional(),
});

export class CreateTenantDto extends createZodDto(createTenantSchema) {}
export class OperatorTenantDto extends createZodDto(operatorTenantSchema) {}
export class OperatorTenantListDto extends createZodDto(operatorTenantListSchema) {}
export class OperatorTenantQueryDto extends createZodDto(operatorTenantQuerySchema) {}
