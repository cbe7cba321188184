import { z } from 'zod';
import { roleSchema } from '../api-schemas';

/** Shapes of the issue-7 API responses (docs/access-api.md); fields the UI does not read are not required. */
const nullableString = z.string().nullable().optional();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int().optional(),
    pageSize: z.number().int().optional(),
    total: z.number().int().optional(),
  });
}

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  status: z.enum(['active', 'invited', 'disabled']),
  groups: z.array(z.object({ id: z.string(), name: z.string() })).default([]),
  lastLoginAt: nullableString,
});
export type User = z.infer<typeof userSchema>;

export const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: nullableString,
  memberCount: z.number().int().default(0),
});
export type Group = z.infer<typeof groupSchema>;

export const memberSchema = z.object({ id: z.string(), email: z.string(), displayName: z.string() });

export const folderSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  systemKey: nullableString,
  path: z.array(z.string()).default([]),
  documentCount: z.number().int().default(0),
  canHandle: z.boolean().default(false),
});
export type Folder = z.infer<typeof folderSchema>;

export const grantSchema = z.object({
  id: z.string(),
  subject: z.object({ type: z.enum(['user', 'group']), id: z.string(), name: z.string() }),
  permission: z.enum(['view', 'handle']),
  documentKinds: z.array(z.string()).nullable().optional(),
});
export type Grant = z.infer<typeof grantSchema>;

export const accessSchema = z.object({
  user: memberSchema,
  permission: z.enum(['view', 'handle']),
  via: z.array(z.object({ type: z.string(), name: z.string(), folderId: nullableString })).default([]),
  documentKinds: z.array(z.string()).nullable().optional(),
});

export const documentSchema = z.object({
  id: z.string(),
  folderId: z.string(),
  kind: z.string(),
  direction: z.string(),
  status: z.string(),
  number: z.string(),
  sellerNip: nullableString,
  sellerName: nullableString,
  buyerNip: nullableString,
  buyerName: nullableString,
  issueDate: nullableString,
  grossTotal: z.union([z.string(), z.number()]).nullable().optional(),
  currency: nullableString,
  ksefNumber: nullableString,
});
export type DocumentRow = z.infer<typeof documentSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()).default([]),
  createdAt: z.string(),
  lastUsedAt: nullableString,
  revokedAt: nullableString,
  expiresAt: nullableString,
});
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ type: z.string(), id: nullableString, name: nullableString }).nullable().optional(),
  action: z.string(),
  targetType: nullableString,
  targetId: nullableString,
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  ip: nullableString,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

const addressSchema = z
  .object({
    countryCode: z.string(),
    line1: z.string(),
    line2: nullableString,
    postalCode: nullableString,
    city: nullableString,
  })
  .nullable()
  .optional();

export const tenantSchema = z.object({
  id: z.string(),
  nip: z.string(),
  slug: z.string().optional(),
  name: z.string(),
  plan: z.enum(['demo', 'full']),
  registeredAddress: addressSchema,
  correspondenceAddress: addressSchema,
  eori: nullableString,
  taxpayerStatus: z.string(),
  contactEmail: nullableString,
  ksefEnvironment: z.string(),
  role: z.string(),
});
export type Tenant = z.infer<typeof tenantSchema>;

/** A company as the platform operator lists it (the operator has no role in it). */
export const operatorTenantSchema = tenantSchema.omit({ role: true }).extend({ createdAt: z.string() });
export type OperatorTenant = z.infer<typeof operatorTenantSchema>;

export const TAXPAYER_STATUSES = ['active', 'bankruptcy', 'liquidation', 'restructuring', 'suspended'] as const;

/** One folder a person reaches, per level (`GET /v1/users/:id/effective-permissions`). */
export const effectivePermissionSchema = z.object({
  folderId: z.string(),
  permission: z.enum(['view', 'handle']),
  documentKinds: z.array(z.string()).nullable().optional(),
});

export const connectionSchema = z.object({
  environment: z.string(),
  method: z.enum(['token', 'certificate', 'external_signature']).nullable(),
  active: z.boolean(),
  expiresAt: nullableString,
  lastSuccessAt: nullableString,
  lastError: nullableString,
  lastErrorAt: nullableString,
  details: z.record(z.string(), z.string()).default({}),
});
export type Connection = z.infer<typeof connectionSchema>;

export const ksefCredentialListSchema = z.object({
  items: z.array(
    z
      .object({
        expiresAt: nullableString,
        expiry: z.enum(['ok', 'soon', 'expired']),
      })
      .catchall(z.unknown()),
  ),
});
export type KsefCredentialItem = z.infer<typeof ksefCredentialListSchema>['items'][number];

export const challengeSchema = z.object({ requestId: z.string(), unsignedXml: z.string() });
export const connectionTestSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string().optional(),
  error: nullableString,
});

export const DOCUMENT_DIRECTIONS = ['sales', 'purchase'] as const;
export const DOCUMENT_KINDS = ['vat', 'correction', 'advance', 'settlement', 'simplified'] as const;
export const DOCUMENT_STATUSES = [
  'draft',
  'queued',
  'sending',
  'accepted',
  'rejected',
  'received',
  'booked',
  'ignored',
] as const;
