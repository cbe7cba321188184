import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { accessSubjectOf } from '../permissions/access-subject';
import type { RequestContext } from '../tenancy/request-context';
import type { CreateFolderDto, FolderDto, FolderListDto, UpdateFolderDto } from './dto/folder.dto';
import { FoldersException } from './folders.exception';
import { FoldersRepository, isUniqueViolation } from './folders.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class FoldersService {
  constructor(
    private readonly folders: FoldersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext): Promise<FolderListDto> {
    return { items: await this.folders.visible(ctx.tenant, accessSubjectOf(ctx)) };
  }

  async create(ctx: RequestContext, body: CreateFolderDto): Promise<FolderDto> {
    const parentId = body.parentId ?? null;
    const id = await this.withNameCheck(() =>
      this.folders.transaction(ctx.tenant, async (manager) => {
        await this.folders.lockTree(ctx.tenant, manager);
        if (parentId && !(await this.folders.find(ctx.tenant, parentId, manager))) {
          throw FoldersException.notFound('parentId');
        }
        const folder = await this.folders.insert(ctx.tenant, { name: body.name, parentId }, manager);
        await this.audit.record(
          ctx,
          { action: 'folder.created', targetType: 'folder', targetId: folder.id, after: { name: body.name, parentId } },
          manager,
        );
        return folder.id;
      }),
    );
    return this.view(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: UpdateFolderDto): Promise<FolderDto> {
    if (!UUID.test(id)) throw FoldersException.notFound();
    await this.withNameCheck(() =>
      this.folders.transaction(ctx.tenant, async (manager) => {
        await this.folders.lockTree(ctx.tenant, manager);
        const folder = await this.folders.find(ctx.tenant, id, manager);
        if (!folder) throw FoldersException.notFound();
        if (folder.systemKey) throw FoldersException.system();
        const change: { name?: string; parentId?: string | null } = {};
        if (body.name !== undefined) change.name = body.name;
        if (body.parentId !== undefined && body.parentId !== folder.parentId) {
          if (body.parentId !== null) {
            if (!(await this.folders.find(ctx.tenant, body.parentId, manager)))
              throw FoldersException.notFound('parentId');
            if (await this.folders.isInSubtree(ctx.tenant, id, body.parentId, manager)) throw FoldersException.cycle();
          }
          change.parentId = body.parentId;
        }
        if (Object.keys(change).length === 0) return;
        await this.folders.update(ctx.tenant, id, change, manager);
        await this.audit.record(
          ctx,
          {
            action: change.parentId !== undefined ? 'folder.moved' : 'folder.renamed',
            targetType: 'folder',
            targetId: id,
            before: { name: folder.name, parentId: folder.parentId },
            after: {
              name: change.name ?? folder.name,
              parentId: change.parentId !== undefined ? change.parentId : folder.parentId,
            },
          },
          manager,
        );
      }),
    );
    return this.view(ctx, id);
  }

  /** Deletes the folder and its subfolders; their documents must go elsewhere first (`moveDocumentsTo`). */
  async remove(ctx: RequestContext, id: string, moveDocumentsTo: string | undefined): Promise<void> {
    if (!UUID.test(id)) throw FoldersException.notFound();
    await this.folders.transaction(ctx.tenant, async (manager) => {
      await this.folders.lockTree(ctx.tenant, manager);
      const folder = await this.folders.find(ctx.tenant, id, manager);
      if (!folder) throw FoldersException.notFound();
      if (folder.systemKey) throw FoldersException.system();
      const subtree = await this.folders.subtree(ctx.tenant, id, manager);
      const ids = subtree.map((f) => f.id);
      const documents = await this.folders.countDocuments(ctx.tenant, ids, manager);
      let moved = 0;
      if (moveDocumentsTo !== undefined) {
        if (!(await this.folders.find(ctx.tenant, moveDocumentsTo, manager)))
          throw FoldersException.notFound('moveDocumentsTo');
        if (ids.includes(moveDocumentsTo)) throw FoldersException.moveTargetInvalid();
        moved = await this.folders.moveDocuments(ctx.tenant, ids, moveDocumentsTo, manager);
      } else if (documents > 0 || subtree.length > 1) {
        throw FoldersException.notEmpty(documents, subtree.length - 1);
      }
      await this.folders.deleteSubtree(ctx.tenant, subtree, manager);
      await this.audit.record(
        ctx,
        {
          action: 'folder.deleted',
          targetType: 'folder',
          targetId: id,
          before: { name: folder.name, parentId: folder.parentId, subfolders: subtree.length - 1 },
          after: moveDocumentsTo ? { documentsMovedTo: moveDocumentsTo, documentsMoved: moved } : null,
        },
        manager,
      );
    });
  }

  private async view(ctx: RequestContext, id: string): Promise<FolderDto> {
    const [row] = await this.folders.visible(ctx.tenant, accessSubjectOf(ctx), id);
    if (!row) throw FoldersException.notFound();
    return row;
  }

  private async withNameCheck<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw FoldersException.nameTaken();
      throw error;
    }
  }
}
