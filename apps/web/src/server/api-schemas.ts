import { z } from 'zod';

/** Shapes of the API responses the web app relies on; parsed, never trusted blindly. */
export const roleSchema = z.enum(['owner', 'admin', 'user']);
export type Role = z.infer<typeof roleSchema>;

export const membershipSchema = z.object({
  tenantId: z.string().min(1),
  tenantName: z.string(),
  nip: z.string(),
  role: roleSchema,
});
export type Membership = z.infer<typeof membershipSchema>;

export const apiUserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  displayName: z.string(),
});
export type ApiUser = z.infer<typeof apiUserSchema>;

export const loginResponseSchema = z.object({
  accessToken: z.string().min(1),
  expiresAt: z.iso.datetime({ offset: true }),
  user: apiUserSchema,
  memberships: z.array(membershipSchema),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({
  user: apiUserSchema,
  memberships: z.array(membershipSchema),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

/** RFC 9457 problem details as our API sends them; only the fields the UI reads are required. */
export const problemSchema = z.object({
  status: z.number().int().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  code: z.string().optional(),
  correlationId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
