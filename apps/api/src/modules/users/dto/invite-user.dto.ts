import { MEMBERSHIP_ROLES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const displayNameSchema = z
  .string({ error: 'Podaj imię i nazwisko.' })
  .trim()
  .min(1, { error: 'Podaj imię i nazwisko.' })
  .max(200, { error: 'Imię i nazwisko może mieć najwyżej 200 znaków.' });

export const roleSchema = z.enum(MEMBERSHIP_ROLES, { error: 'Rola musi być jedną z: owner, admin, user.' });

export const inviteUserSchema = z.object({
  email: z
    .email({ error: 'Podaj prawidłowy adres e-mail.' })
    .max(320, { error: 'Adres e-mail może mieć najwyżej 320 znaków.' })
    .transform((email) => email.toLowerCase()),
  displayName: displayNameSchema,
  role: roleSchema,
  groupIds: z
    .array(z.uuid({ error: 'Nieprawidłowy identyfikator grupy.' }))
    .max(100, { error: 'Można podać najwyżej 100 grup.' })
    .optional(),
});

export class InviteUserDto extends createZodDto(inviteUserSchema) {}
