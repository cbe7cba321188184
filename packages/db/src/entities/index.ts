import { ApiKeyEntity } from './api-key.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AuthSessionEntity } from './auth-session.entity';
import { DocumentEntity } from './document.entity';
import { FolderDocumentCountEntity } from './folder-document-count.entity';
import { FolderGrantEntity } from './folder-grant.entity';
import { FolderEntity } from './folder.entity';
import { JobProbeEntity } from './job-probe.entity';
import { KsefCredentialEntity } from './ksef-credential.entity';
import { MembershipEntity } from './membership.entity';
import { TenantEntity } from './tenant.entity';
import { UserGroupEntity, UserGroupMemberEntity } from './user-group.entity';
import { UserTokenEntity } from './user-token.entity';
import { UserEntity } from './user.entity';

export * from './api-key.entity';
export * from './audit-event.entity';
export * from './auth-session.entity';
export * from './document.entity';
export * from './folder-document-count.entity';
export * from './folder-grant.entity';
export * from './folder.entity';
export * from './job-probe.entity';
export * from './ksef-credential.entity';
export * from './membership.entity';
export * from './tenant-owned.entity';
export * from './tenant.entity';
export * from './user-group.entity';
export * from './user-token.entity';
export * from './user.entity';

/** Every entity, listed explicitly (no globs: the same list works from sources in tests and from dist). */
export const entities = [
  TenantEntity,
  UserEntity,
  MembershipEntity,
  JobProbeEntity,
  AuthSessionEntity,
  UserTokenEntity,
  UserGroupEntity,
  UserGroupMemberEntity,
  FolderEntity,
  FolderGrantEntity,
  DocumentEntity,
  FolderDocumentCountEntity,
  ApiKeyEntity,
  KsefCredentialEntity,
  AuditEventEntity,
];

/** Tables with a tenant_id that PostgreSQL row-level security confines to the tenant of the transaction. */
export const TENANT_TABLES = [
  'job_probes',
  'user_groups',
  'user_group_members',
  'folders',
  'folder_grants',
  'documents',
  'folder_document_counts',
  'api_keys',
  'ksef_credentials',
  'audit_events',
] as const;
