import { randomBytes, randomInt } from 'node:crypto';
import {
  DocumentEntity,
  type DocumentCategory,
  type DocumentDirection,
  type DocumentKind,
  type DocumentStatus,
  FolderEntity,
  FolderGrantEntity,
  type FolderPermission,
  type TenantEntity,
  UserGroupEntity,
  UserGroupMemberEntity,
} from '@bufor/db';
import { type DataSource, IsNull } from 'typeorm';
import { randomNip } from './builders';

/** Builders for folders, groups, grants and documents (as the schema owner: test data, not the code under test). */
export class AccessBuilders {
  constructor(private readonly db: DataSource) {}

  /** The tenant's system folder "Nieprzypisane", made by the database trigger. */
  unassignedFolder(tenant: TenantEntity): Promise<FolderEntity> {
    return this.db.getRepository(FolderEntity).findOneByOrFail({ tenantId: tenant.id, systemKey: 'unassigned' });
  }

  /** A folder by path, creating missing levels: `newFolder(tenant, 'Sklepy/Kraków')`. */
  async newFolder(tenant: TenantEntity, path: string): Promise<FolderEntity> {
    const repository = this.db.getRepository(FolderEntity);
    let parentId: string | null = null;
    let folder: FolderEntity | null = null;
    for (const name of path.split('/')) {
      folder =
        (await repository.findOneBy({ tenantId: tenant.id, name, parentId: parentId ?? IsNull() })) ??
        (await repository.save({ tenantId: tenant.id, name, parentId, systemKey: null }));
      parentId = folder.id;
    }
    if (!folder) throw new Error('newFolder: empty path');
    return folder;
  }

  async newGroup(
    tenant: TenantEntity,
    options: { name?: string; members?: { id: string }[] } = {},
  ): Promise<UserGroupEntity> {
    const group = await this.db.getRepository(UserGroupEntity).save({
      tenantId: tenant.id,
      name: options.name ?? `Grupa ${randomBytes(3).toString('hex')}`,
      description: null,
    });
    for (const member of options.members ?? []) {
      await this.db
        .getRepository(UserGroupMemberEntity)
        .save({ tenantId: tenant.id, groupId: group.id, userId: member.id });
    }
    return group;
  }

  newGrant(options: {
    tenant: TenantEntity;
    folder: { id: string };
    user?: { id: string };
    group?: { id: string };
    permission?: FolderPermission;
    documentKinds?: DocumentCategory[] | null;
  }): Promise<FolderGrantEntity> {
    return this.db.getRepository(FolderGrantEntity).save({
      tenantId: options.tenant.id,
      folderId: options.folder.id,
      userId: options.user?.id ?? null,
      groupId: options.group?.id ?? null,
      permission: options.permission ?? 'view',
      documentKinds: options.documentKinds ?? null,
      createdBy: null,
    });
  }

  newDocument(options: {
    tenant: TenantEntity;
    folder: { id: string };
    direction?: DocumentDirection;
    kind?: DocumentKind;
    status?: DocumentStatus;
    number?: string;
    issueDate?: string;
    grossTotal?: string;
    sellerNip?: string;
    buyerNip?: string;
  }): Promise<DocumentEntity> {
    const direction = options.direction ?? 'sales';
    const own = randomNip();
    const other = randomNip();
    return this.db.getRepository(DocumentEntity).save({
      tenantId: options.tenant.id,
      folderId: options.folder.id,
      direction,
      kind: options.kind ?? 'vat',
      status: options.status ?? (direction === 'sales' ? 'accepted' : 'received'),
      number: options.number ?? `FV/${randomInt(1, 10_000)}/2026`,
      sellerNip: options.sellerNip ?? (direction === 'sales' ? own : other),
      sellerName: 'Sprzedawca Sp. z o.o.',
      buyerNip: options.buyerNip ?? (direction === 'sales' ? other : own),
      buyerName: 'Nabywca S.A.',
      issueDate: options.issueDate ?? '2026-10-15',
      saleDate: null,
      currency: 'PLN',
      netTotal: '100.00',
      vatTotal: '23.00',
      grossTotal: options.grossTotal ?? '123.00',
      ksefNumber: null,
      ksefAcceptedAt: null,
      xmlKey: null,
      pdfKey: null,
      upoKey: null,
    });
  }
}
