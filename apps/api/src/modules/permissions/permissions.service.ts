import type { DocumentCategory, FolderPermission } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../tenancy/request-context';
import { accessSubjectOf } from './access-subject';
import type { AccessViewDto, CreateGrantDto, EffectivePermissionsDto, GrantDto, GrantListDto } from './dto/grant.dto';
import { PermissionsException } from './permissions.exception';
import { type AccessibleDocument, type GrantRow, PermissionsRepository } from './permissions.repository';

export type AccessRequest =
  | { ctx: RequestContext; permission: FolderPermission; folderId: string; documentId?: never; manager?: EntityManager }
  | {
      ctx: RequestContext;
      permission: FolderPermission;
      documentId: string;
      folderId?: never;
      manager?: EntityManager;
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toGrantDto(row: GrantRow): GrantDto {
  return {
    id: row.id,
    folderId: row.folderId,
    subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName },
    permission: row.permission,
    documentKinds: row.documentKinds,
    inherited: row.inherited,
  };
}

@Injectable()
export class PermissionsService {
  constructor(
    private readonly permissions: PermissionsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * The one access check. Anything the caller cannot see (unknown, another tenant's, outside their grants) is 404;
   * something they see but may not handle is 403.
   */
  async requireAccess(request: AccessRequest & { documentId: string }): Promise<AccessibleDocument>;
  async requireAccess(request: AccessRequest & { folderId: string }): Promise<void>;
  async requireAccess(request: AccessRequest): Promise<AccessibleDocument | void> {
    const { ctx, permission, manager } = request;
    const subject = accessSubjectOf(ctx);
    if (request.documentId !== undefined) {
      if (!UUID.test(request.documentId)) throw PermissionsException.documentNotFound();
      const seen = await this.permissions.reachableDocument(ctx.tenant, subject, request.documentId, 'view', manager);
      if (!seen) throw PermissionsException.documentNotFound();
      if (permission === 'handle') {
        const handled = await this.permissions.canReachFolder(
          ctx.tenant,
          subject,
          seen.folderId,
          'handle',
          seen,
          manager,
        );
        if (!handled) throw PermissionsException.handleRequired();
      }
      return seen;
    }
    if (!UUID.test(request.folderId)) throw PermissionsException.folderNotFound();
    if (!(await this.permissions.canReachFolder(ctx.tenant, subject, request.folderId, 'view', undefined, manager))) {
      throw PermissionsException.folderNotFound();
    }
    if (permission === 'handle') {
      const handled = await this.permissions.canReachFolder(
        ctx.tenant,
        subject,
        request.folderId,
        'handle',
        undefined,
        manager,
      );
      if (!handled) throw PermissionsException.handleRequired();
    }
  }

  /** Whether the caller may handle documents of this category in the folder (e.g. the target of a move). */
  canHandleIn(
    ctx: RequestContext,
    folderId: string,
    category: Pick<AccessibleDocument, 'direction' | 'kind'>,
    manager?: EntityManager,
  ): Promise<boolean> {
    return this.permissions.canReachFolder(ctx.tenant, accessSubjectOf(ctx), folderId, 'handle', category, manager);
  }

  async grants(ctx: RequestContext, folderId: string): Promise<GrantListDto> {
    await this.requireFolder(ctx, folderId);
    return { items: (await this.permissions.grantsOf(ctx.tenant, folderId)).map(toGrantDto) };
  }

  async grant(ctx: RequestContext, folderId: string, body: CreateGrantDto): Promise<GrantDto> {
    await this.requireFolder(ctx, folderId);
    if (body.userId && !(await this.permissions.isMember(ctx.tenant, body.userId))) {
      throw PermissionsException.subjectNotFound('userId');
    }
    if (body.groupId && !(await this.permissions.groupExists(ctx.tenant, body.groupId))) {
      throw PermissionsException.subjectNotFound('groupId');
    }
    const kinds = body.documentKinds ? ([...new Set(body.documentKinds)] as DocumentCategory[]) : null;
    const saved = await this.permissions.transaction(ctx.tenant, async (manager) => {
      const grant = await this.permissions.insertGrant(
        ctx.tenant,
        {
          folderId,
          userId: body.userId ?? null,
          groupId: body.groupId ?? null,
          permission: body.permission,
          documentKinds: kinds,
          createdBy: ctx.userId,
        },
        manager,
      );
      await this.audit.record(
        ctx,
        {
          action: 'folder_grant.created',
          targetType: 'folder',
          targetId: folderId,
          after: {
            grantId: grant.id,
            userId: grant.userId,
            groupId: grant.groupId,
            permission: grant.permission,
            documentKinds: kinds,
          },
        },
        manager,
      );
      return grant;
    });
    const row = (await this.permissions.grantsOf(ctx.tenant, folderId)).find((g) => g.id === saved.id);
    if (!row) throw PermissionsException.grantNotFound();
    return toGrantDto(row);
  }

  async revoke(ctx: RequestContext, folderId: string, grantId: string): Promise<void> {
    await this.requireFolder(ctx, folderId);
    if (!UUID.test(grantId)) throw PermissionsException.grantNotFound();
    await this.permissions.transaction(ctx.tenant, async (manager) => {
      const grant = await this.permissions.findGrant(ctx.tenant, folderId, grantId, manager);
      if (!grant) throw PermissionsException.grantNotFound();
      await this.permissions.deleteGrant(ctx.tenant, grantId, manager);
      await this.audit.record(
        ctx,
        {
          action: 'folder_grant.deleted',
          targetType: 'folder',
          targetId: folderId,
          before: {
            grantId,
            userId: grant.userId,
            groupId: grant.groupId,
            permission: grant.permission,
            documentKinds: grant.documentKinds,
          },
        },
        manager,
      );
    });
  }

  /** "Who can see this folder": one row per person and level, with every path that gives it. */
  async folderAccess(ctx: RequestContext, folderId: string): Promise<AccessViewDto> {
    await this.requireFolder(ctx, folderId);
    const rows = await this.permissions.folderAccess(ctx.tenant, folderId);
    const byUser = new Map<string, AccessViewDto['items'][number]>();
    for (const row of rows) {
      const key = `${row.userId}:${row.permission}`;
      let item = byUser.get(key);
      if (!item) {
        item = {
          user: { id: row.userId, email: row.email, displayName: row.displayName },
          permission: row.permission,
          via: [],
          documentKinds: row.documentKinds ? [] : null,
        };
        byUser.set(key, item);
      }
      item.via.push({ type: row.viaType, name: row.viaName, folderId: row.viaFolderId });
      // Categories of several paths add up; a path without a limit lifts the limit.
      if (!row.documentKinds) item.documentKinds = null;
      else if (item.documentKinds)
        item.documentKinds = [...new Set([...item.documentKinds, ...row.documentKinds])].sort();
    }
    return { items: [...byUser.values()] };
  }

  async effectivePermissions(ctx: RequestContext, userId: string): Promise<EffectivePermissionsDto> {
    if (!UUID.test(userId) || !(await this.permissions.isMember(ctx.tenant, userId))) {
      throw PermissionsException.userNotFound();
    }
    return { items: await this.permissions.effectivePermissions(ctx.tenant, userId) };
  }

  /** Admin routes about a folder: it must exist in the caller's tenant. */
  private async requireFolder(ctx: RequestContext, folderId: string): Promise<void> {
    if (!UUID.test(folderId) || !(await this.permissions.folderExists(ctx.tenant, folderId))) {
      throw PermissionsException.folderNotFound();
    }
  }
}
