import type { FolderPermission, TenantRef } from '@bufor/db';
import type { AccessSubject } from './access-subject';
import { accessibleFoldersSql } from './effective-permissions.sql';
import type { SqlParams } from './sql-params';

/**
 * The folders a subject may reach at a permission level, as a SQL relation `(folder_id, document_kinds)` to join
 * documents or folders with. Owners and admins get every folder of the tenant with no category limit.
 */
export function folderScopeSql(
  params: SqlParams,
  tenant: TenantRef,
  subject: AccessSubject,
  at: FolderPermission,
): string {
  switch (subject.kind) {
    case 'all':
      return `SELECT f.id AS folder_id, NULL::text[] AS document_kinds FROM folders f WHERE f.tenant_id = ${params.add(tenant.id)}`;
    case 'user':
      return accessibleFoldersSql(params, tenant.id, subject.userId, at);
    case 'none':
      return `SELECT NULL::uuid AS folder_id, NULL::text[] AS document_kinds WHERE false`;
  }
}
