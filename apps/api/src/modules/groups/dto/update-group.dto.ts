import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { groupDescriptionSchema, groupNameSchema } from './create-group.dto';

export const updateGroupSchema = z
  .object({ name: groupNameSchema.optional(), description: groupDescriptionSchema.optional() })
  .strict();

export class UpdateGroupDto extends createZodDto(updateGroupSchema) {}
