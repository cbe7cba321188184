import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import type { RequestContext } from '../tenancy/request-context';
import type { UpdateUserInput } from './dto/update-user.dto';
import type { UserStatus, UserView } from './dto/user.dto';
import { UsersException } from './users.exception';
import { type MemberRow, UsersRepository } from './users.repository';

export interface InviteUserInput {
  email: string;
  displayName: string;
  role: MemberRow['role'];
  groupIds?: string[];
}

function statusOf(member: MemberRow): UserStatus {
  if (member.disabled) return 'disabled';
  return member.hasPassword ? 'active' : 'invited';
}

function toView(member: MemberRow): UserView {
  return {
    id: member.id,
    email: member.email,
    displayName: member.displayName,
    role: member.role,
    status: statusOf(member),
    groups: member.groups,
    lastLoginAt: member.lastLoginAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of a member (no secrets, nothing of other tenants). */
function auditSnapshot(member: MemberRow): Record<string, unknown> {
  return { email: member.email, displayName: member.displayName, role: member.role, status: statusOf(member) };
}

/** The people of a tenant: invitations, roles, disabling; the tenant always has an active owner. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, page: number, pageSize: number) {
    const { items, total } = await this.users.list(ctx.tenant, page, pageSize);
    return { items: items.map(toView), page, pageSize, total };
  }

  async get(ctx: RequestContext, userId: string): Promise<UserView> {
    const member = await this.users.findMember(ctx.tenant, userId);
    if (!member) throw UsersException.notFound();
    return toView(member);
  }

  async invite(ctx: RequestContext, input: InviteUserInput): Promise<UserView> {
    if (input.role === 'owner' && ctx.role !== 'owner') throw UsersException.ownerOnly();
    const groupIds = [...new Set(input.groupIds ?? [])];
    const { member, tenantName } = await this.users.inviteTransaction(ctx.tenant, async (m) => {
      const known = await this.users.existingGroupIds(m, ctx.tenant, groupIds);
      const unknown = groupIds.findIndex((id) => !known.has(id));
      if (unknown >= 0)
        throw UsersException.groupNotFound(`groupIds[${(input.groupIds ?? []).indexOf(groupIds[unknown]!)}]`);

      const account =
        (await this.users.findAccountByEmail(m, input.email)) ??
        (await this.users.createAccount(m, input.email, input.displayName));
      if (await this.users.isMember(m, ctx.tenant, account.id)) throw UsersException.alreadyMember();
      await this.users.addMembership(m, ctx.tenant, account.id, input.role);
      await this.users.addToGroups(m, ctx.tenant, account.id, groupIds);
      const added = (await this.users.findMember(ctx.tenant, account.id, m))!;
      await this.audit.record(
        ctx,
        {
          action: 'user.invited',
          targetType: 'user',
          targetId: added.id,
          after: { ...auditSnapshot(added), groupIds },
        },
        m,
      );
      return { member: added, tenantName: await this.users.tenantName(m, ctx.tenant) };
    });
    // After the commit: the link must point at a saved account; a mail failure leaves it for "resend".
    await this.invitations.invite({ id: ctx.tenant.id, name: tenantName }, member);
    return toView(member);
  }

  async update(ctx: RequestContext, userId: string, input: UpdateUserInput): Promise<UserView> {
    const updated = await this.users.transaction(ctx.tenant, async (m) => {
      const before = await this.users.findMember(ctx.tenant, userId, m);
      if (!before) throw UsersException.notFound();
      const touchesOwnership =
        input.role === 'owner' || (before.role === 'owner' && (input.role || input.disabled !== undefined));
      if (touchesOwnership && ctx.role !== 'owner') throw UsersException.ownerOnly();

      const losesOwner =
        before.role === 'owner' && !before.disabled && ((input.role && input.role !== 'owner') || input.disabled);
      if (losesOwner && (await this.users.otherActiveOwners(m, ctx.tenant, userId)) === 0) {
        throw UsersException.lastOwner(input.role && input.role !== 'owner' ? 'role' : 'disabled');
      }

      await this.users.updateMembership(m, ctx.tenant, userId, {
        ...(input.role ? { role: input.role } : {}),
        ...(input.disabled !== undefined ? { disabledAt: input.disabled ? new Date() : null } : {}),
      });
      if (input.displayName !== undefined) await this.users.updateDisplayName(m, ctx.tenant, userId, input.displayName);
      const after = (await this.users.findMember(ctx.tenant, userId, m))!;
      await this.audit.record(
        ctx,
        {
          action: 'user.updated',
          targetType: 'user',
          targetId: userId,
          before: auditSnapshot(before),
          after: auditSnapshot(after),
        },
        m,
      );
      return after;
    });
    return toView(updated);
  }

  async resendInvitation(ctx: RequestContext, userId: string): Promise<void> {
    const { member, tenantName } = await this.users.transaction(ctx.tenant, async (m) => {
      const found = await this.users.findMember(ctx.tenant, userId, m);
      if (!found) throw UsersException.notFound();
      if (found.hasPassword) throw UsersException.alreadyActive();
      await this.audit.record(ctx, { action: 'user.invitation_resent', targetType: 'user', targetId: userId }, m);
      return { member: found, tenantName: await this.users.tenantName(m, ctx.tenant) };
    });
    await this.invitations.invite({ id: ctx.tenant.id, name: tenantName }, member);
  }
}
