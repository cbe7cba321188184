import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { userSchema } from './user.dto';

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1, { error: 'Numer strony zaczyna się od 1.' }).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1, { error: 'Rozmiar strony musi wynosić co najmniej 1.' })
    .max(200, { error: 'Rozmiar strony może wynosić najwyżej 200.' })
    .default(50),
});

export const userListSchema = z.object({
  items: z.array(userSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export class ListUsersQueryDto extends createZodDto(pageQuerySchema) {}
export class UserListDto extends createZodDto(userListSchema) {}
