import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Password policy: long rather than complex (NIST SP 800-63B); the upper bound keeps argon2 work bounded. */
export const passwordSchema = z
  .string({ error: 'Podaj hasło.' })
  .min(12, { error: 'Hasło musi mieć co najmniej 12 znaków.', abort: true })
  .max(200, { error: 'Hasło może mieć najwyżej 200 znaków.' })
  .refine((value) => value.trim().length >= 12, { error: 'Hasło nie może składać się głównie ze spacji.' });

export const setPasswordSchema = z.object({
  token: z.string({ error: 'Brak tokenu z linku.' }).min(1, { error: 'Brak tokenu z linku.' }).max(200),
  password: passwordSchema,
});

export class SetPasswordDto extends createZodDto(setPasswordSchema) {}
