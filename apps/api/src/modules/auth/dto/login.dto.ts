import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const loginSchema = z.object({
  email: z.email({ error: 'Podaj prawidłowy adres e-mail.' }).max(320),
  password: z.string().min(1, { error: 'Podaj hasło.' }).max(1024),
});

export class LoginDto extends createZodDto(loginSchema) {}
