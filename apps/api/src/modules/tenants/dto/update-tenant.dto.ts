import { KSEF_ENVIRONMENTS, TAXPAYER_STATUSES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { postalAddressSchema } from './tenant.dto';

export const tenantNameSchema = z
  .string({ error: 'Podaj nazwę firmy.' })
  .trim()
  .min(1, { error: 'Podaj nazwę firmy.' })
  .max(512, { error: 'Nazwa firmy może mieć najwyżej 512 znaków.' });

export const contactEmailSchema = z
  .email({ error: 'Podaj prawidłowy adres e-mail.' })
  .max(320, { error: 'Adres e-mail może mieć najwyżej 320 znaków.' });

// EORI: a country code and up to 15 letters/digits (in Poland usually PL + NIP + 00000).
export const eoriSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}[A-Z0-9]{1,15}$/, {
    error: 'Numer EORI to kod kraju i do 15 liter lub cyfr, np. PL526025027400000.',
  });

export const taxpayerStatusSchema = z.enum(TAXPAYER_STATUSES, {
  error: `Status podatnika musi być jednym z: ${TAXPAYER_STATUSES.join(', ')}.`,
});

export const updateTenantSchema = z
  .object({
    name: tenantNameSchema.optional(),
    registeredAddress: postalAddressSchema.nullable().optional(),
    correspondenceAddress: postalAddressSchema.nullable().optional(),
    eori: eoriSchema.nullable().optional(),
    taxpayerStatus: taxpayerStatusSchema.optional(),
    contactEmail: contactEmailSchema.nullable().optional(),
    ksefEnvironment: z
      .enum(KSEF_ENVIRONMENTS, { error: `Środowisko KSeF musi być jednym z: ${KSEF_ENVIRONMENTS.join(', ')}.` })
      .optional(),
  })
  .strict();

export type UpdateTenantInput = z.infer<typeof updateTenantSchema>;

export class UpdateTenantDto extends createZodDto(updateTenantSchema) {}
