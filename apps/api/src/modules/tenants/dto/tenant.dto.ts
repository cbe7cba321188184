import { KSEF_ENVIRONMENTS, MEMBERSHIP_ROLES, TAXPAYER_STATUSES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const postalAddressSchema = z
  .object({
    countryCode: z.string().length(2),
    line1: z.string().min(1).max(200),
    line2: z.string().max(200).optional(),
    postalCode: z.string().max(16).optional(),
    city: z.string().max(100).optional(),
  })
  .meta({ id: 'PostalAddress' });

export const tenantSchema = z.object({
  id: z.uuid(),
  nip: z.string(),
  slug: z.string(),
  name: z.string(),
  plan: z.enum(['demo', 'full']),
  registeredAddress: postalAddressSchema.nullable(),
  correspondenceAddress: postalAddressSchema.nullable(),
  eori: z.string().nullable(),
  taxpayerStatus: z.enum(TAXPAYER_STATUSES),
  contactEmail: z.string().nullable(),
  ksefEnvironment: z.enum(KSEF_ENVIRONMENTS),
  /** The caller's role in this tenant. */
  role: z.enum([...MEMBERSHIP_ROLES, 'integration']),
});

export class TenantDto extends createZodDto(tenantSchema) {}
