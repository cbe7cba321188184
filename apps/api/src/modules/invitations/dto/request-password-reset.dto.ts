import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const requestPasswordResetSchema = z.object({
  email: z.email({ error: 'Podaj prawidłowy adres e-mail.' }).max(320),
});

export class RequestPasswordResetDto extends createZodDto(requestPasswordResetSchema) {}
