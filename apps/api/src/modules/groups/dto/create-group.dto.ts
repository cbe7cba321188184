import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const groupNameSchema = z
  .string({ error: 'Podaj nazwę grupy.' })
  .trim()
  .min(1, { error: 'Podaj nazwę grupy.' })
  .max(200, { error: 'Nazwa grupy może mieć najwyżej 200 znaków.' });

export const groupDescriptionSchema = z
  .string()
  .trim()
  .max(1000, { error: 'Opis grupy może mieć najwyżej 1000 znaków.' })
  .nullable();

export const createGroupSchema = z.object({ name: groupNameSchema, description: groupDescriptionSchema.optional() });

export class CreateGroupDto extends createZodDto(createGroupSchema) {}
