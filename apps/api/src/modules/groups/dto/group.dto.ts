import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const groupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  memberCount: z.number().int(),
});

export type GroupView = z.infer<typeof groupSchema>;

export const groupListSchema = z.object({ items: z.array(groupSchema) });

export const groupMemberSchema = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string() })
  .meta({ id: 'UserGroupMember' });

export type GroupMemberView = z.infer<typeof groupMemberSchema>;

export const groupMemberListSchema = z.object({ items: z.array(groupMemberSchema) });

export class GroupDto extends createZodDto(groupSchema) {}
export class GroupListDto extends createZodDto(groupListSchema) {}
export class GroupMemberListDto extends createZodDto(groupMemberListSchema) {}
