import { MEMBERSHIP_ROLES } from '@bufor/db';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const USER_STATUSES = ['active', 'invited', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  status: z.enum(USER_STATUSES),
  groups: z.array(z.object({ id: z.uuid(), name: z.string() })),
  lastLoginAt: z.iso.datetime().nullable(),
});

export type UserView = z.infer<typeof userSchema>;

export class UserDto extends createZodDto(userSchema) {}
