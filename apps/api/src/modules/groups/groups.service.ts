import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../tenancy/request-context';
import type { GroupMemberView, GroupView } from './dto/group.dto';
import { GroupsException } from './groups.exception';
import { GroupsRepository, isUniqueViolation } from './groups.repository';

/** Groups of people (e.g. "Sklep Kraków 1") that folder permissions are granted to. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext): Promise<{ items: GroupView[] }> {
    return { items: await this.groups.list(ctx.tenant) };
  }

  create(ctx: RequestContext, input: { name: string; description?: string | null }): Promise<GroupView> {
    return this.uniqueName(() =>
      this.groups.transaction(ctx.tenant, async (m) => {
        const id = await this.groups.create(m, ctx.tenant, input.name, input.description ?? null);
        const created = (await this.groups.find(m, ctx.tenant, id))!;
        await this.audit.record(
          ctx,
          { action: 'group.created', targetType: 'group', targetId: id, after: snapshot(created) },
          m,
        );
        return created;
      }),
    );
  }

  update(
    ctx: RequestContext,
    groupId: string,
    input: { name?: string; description?: string | null },
  ): Promise<GroupView> {
    return this.uniqueName(() =>
      this.groups.transaction(ctx.tenant, async (m) => {
        const before = await this.required(m, ctx, groupId);
        await this.groups.update(m, ctx.tenant, groupId, input);
        const after = (await this.groups.find(m, ctx.tenant, groupId))!;
        await this.audit.record(
          ctx,
          {
            action: 'group.updated',
            targetType: 'group',
            targetId: groupId,
            before: snapshot(before),
            after: snapshot(after),
          },
          m,
        );
        return after;
      }),
    );
  }

  async delete(ctx: RequestContext, groupId: string): Promise<void> {
    await this.groups.transaction(ctx.tenant, async (m) => {
      const before = await this.required(m, ctx, groupId);
      await this.groups.delete(m, ctx.tenant, groupId);
      await this.audit.record(
        ctx,
        { action: 'group.deleted', targetType: 'group', targetId: groupId, before: snapshot(before) },
        m,
      );
    });
  }

  members(ctx: RequestContext, groupId: string): Promise<{ items: GroupMemberView[] }> {
    return this.groups.transaction(ctx.tenant, async (m) => {
      await this.required(m, ctx, groupId);
      return { items: await this.groups.members(m, ctx.tenant, groupId) };
    });
  }

  async addMember(ctx: RequestContext, groupId: string, userId: string): Promise<void> {
    await this.groups.transaction(ctx.tenant, async (m) => {
      const group = await this.required(m, ctx, groupId);
      const user = await this.groups.findTenantUser(m, ctx.tenant, userId);
      if (!user) throw GroupsException.userNotFound();
      if (await this.groups.addMember(m, ctx.tenant, groupId, userId)) {
        await this.audit.record(
          ctx,
          {
            action: 'group.member_added',
            targetType: 'group',
            targetId: groupId,
            after: { group: group.name, userId, email: user.email },
          },
          m,
        );
      }
    });
  }

  async removeMember(ctx: RequestContext, groupId: string, userId: string): Promise<void> {
    await this.groups.transaction(ctx.tenant, async (m) => {
      const group = await this.required(m, ctx, groupId);
      const user = await this.groups.findTenantUser(m, ctx.tenant, userId);
      if (!user) throw GroupsException.userNotFound();
      if (await this.groups.removeMember(m, ctx.tenant, groupId, userId)) {
        await this.audit.record(
          ctx,
          {
            action: 'group.member_removed',
            targetType: 'group',
            targetId: groupId,
            before: { group: group.name, userId, email: user.email },
          },
          m,
        );
      }
    });
  }

  private async required(m: EntityManager, ctx: RequestContext, groupId: string): Promise<GroupView> {
    const group = await this.groups.find(m, ctx.tenant, groupId);
    if (!group) throw GroupsException.notFound();
    return group;
  }

  /** The unique index decides under concurrency; its violation aborts the transaction, so it is mapped outside it. */
  private async uniqueName<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw GroupsException.nameTaken();
      throw error;
    }
  }
}

function snapshot(group: GroupView): Record<string, unknown> {
  return { name: group.name, description: group.description };
}
