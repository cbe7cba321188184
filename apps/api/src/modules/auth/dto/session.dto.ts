import { MEMBERSHIP_ROLES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const userSchema = z.object({ id: z.uuid(), email: z.string(), displayName: z.string() }).meta({ id: 'SessionUser' });

const membershipSchema = z
  .object({
    tenantId: z.uuid(),
    tenantName: z.string(),
    nip: z.string(),
    slug: z.string(),
    role: z.enum(MEMBERSHIP_ROLES),
  })
  .meta({ id: 'Membership' });

export const meSchema = z.object({ user: userSchema, memberships: z.array(membershipSchema) });

export const loginResponseSchema = meSchema.extend({
  accessToken: z.string().describe('Bearer token for the Authorization header; shown once.'),
  expiresAt: z.iso.datetime(),
});

export class MeDto extends createZodDto(meSchema) {}
export class LoginResponseDto extends createZodDto(loginResponseSchema) {}
