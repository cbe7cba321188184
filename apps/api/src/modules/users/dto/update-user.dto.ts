import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { displayNameSchema, roleSchema } from './invite-user.dto';

export const updateUserSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    /** Disables the person in this tenant only; their other tenants are unaffected. */
    disabled: z.boolean({ error: 'Pole disabled musi mieć wartość true lub false.' }).optional(),
  })
  .strict();

export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export class UpdateUserDto extends createZodDto(updateUserSchema) {}
