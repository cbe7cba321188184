import type { DocumentStatus } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { accessSubjectOf } from '../permissions/access-subject';
import { PermissionsException } from '../permissions/permissions.exception';
import { PermissionsService } from '../permissions/permissions.service';
import type { RequestContext } from '../tenancy/request-context';
import type { DocumentDto, UpdateDocumentDto } from './dto/document.dto';
import type { DocumentFilters, DocumentListDto } from './dto/list-documents.dto';
import { decodeDocumentCursor, encodeDocumentCursor } from './document-cursor';
import { DocumentsException } from './documents.exception';
import { DocumentsRepository } from './documents.repository';

/** Booking or ignoring applies to documents KSeF has accepted or that were fetched from it, and can be redone. */
const BOOKABLE: readonly DocumentStatus[] = ['accepted', 'received', 'booked', 'ignored'];

@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly permissions: PermissionsService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, filters: DocumentFilters): Promise<DocumentListDto> {
    const { sort, page, pageSize, cursor, ...where } = filters;
    // The DTO has already refused a cursor that does not decode for this sort (400, path `cursor`).
    const after = cursor === undefined ? undefined : decodeDocumentCursor(cursor, sort);
    if (typeof after === 'string') throw DocumentsException.badCursor(after);
    const window = { sort, cursor: after, offset: (page - 1) * pageSize, pageSize };
    const { items, total, totalExact, next } = await this.documents.list(
      ctx.tenant,
      accessSubjectOf(ctx),
      where,
      window,
    );
    return { items, page, pageSize, total, totalExact, nextCursor: next ? encodeDocumentCursor(next) : null };
  }

  async detail(ctx: RequestContext, id: string): Promise<DocumentDto> {
    const seen = await this.permissions.requireAccess({ ctx, permission: 'view', documentId: id });
    const row = await this.documents.detail(ctx.tenant, id);
    if (!row) throw DocumentsException.notFound();
    return { ...row, canHandle: await this.permissions.canHandleIn(ctx, seen.folderId, seen) };
  }

  async update(ctx: RequestContext, id: string, body: UpdateDocumentDto): Promise<DocumentDto> {
    await this.documents.transaction(ctx.tenant, async (manager) => {
      const seen = await this.permissions.requireAccess({ ctx, permission: 'handle', documentId: id, manager });
      const current = await this.documents.statusOf(ctx.tenant, id, manager);
      if (!current) throw DocumentsException.notFound();
      const change: { folderId?: string; status?: DocumentStatus } = {};
      if (body.folderId !== undefined && body.folderId !== current.folderId) {
        // The target must be visible (else 404) and handled for this document's category (else 403).
        try {
          await this.permissions.requireAccess({ ctx, permission: 'view', folderId: body.folderId, manager });
        } catch (error) {
          if (error instanceof PermissionsException && error.status === 404)
            throw PermissionsException.folderNotFound('folderId');
          throw error;
        }
        if (!(await this.permissions.canHandleIn(ctx, body.folderId, seen, manager))) {
          throw PermissionsException.handleRequired();
        }
        change.folderId = body.folderId;
      }
      if (body.status !== undefined && body.status !== current.status) {
        if (!BOOKABLE.includes(current.status))
          throw DocumentsException.statusChangeInvalid(current.status, body.status);
        change.status = body.status;
      }
      if (Object.keys(change).length === 0) return;
      await this.documents.update(ctx.tenant, id, change, manager);
      await this.audit.record(
        ctx,
        {
          action: change.folderId ? 'document.moved' : 'document.status_changed',
          targetType: 'document',
          targetId: id,
          before: { folderId: current.folderId, status: current.status },
          after: { folderId: change.folderId ?? current.folderId, status: change.status ?? current.status },
        },
        manager,
      );
    });
    return this.detail(ctx, id);
  }
}
