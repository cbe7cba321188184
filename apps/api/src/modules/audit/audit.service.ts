import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { RequestContext } from '../tenancy/request-context';
import { type AuditEventRow, AuditRepository } from './audit.repository';
import type { auditEventPageSchema, auditEventSchema, ListAuditEventsDto } from './dto/list-audit-events.dto';

export interface AuditChange {
  /** `<target>.<verb>`, e.g. `folder.moved`, `user.invited`, `ksef_credential.used`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Keys whose values never reach the audit log, whatever a caller passes. */
const SECRET_KEYS = /password|secret|token|privateKey|key_hash|keyHash|envelope/i;

function scrub(value: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, SECRET_KEYS.test(key) ? '[redacted]' : inner]),
  );
}

/** Records who changed what (before -> after) and every use of a credential; read under Administracja. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  record(ctx: RequestContext, change: AuditChange, manager?: EntityManager): Promise<void> {
    return this.audit.append(
      ctx.tenant,
      {
        actorUserId: ctx.userId,
        actorApiKeyId: ctx.apiKeyId,
        action: change.action,
        targetType: change.targetType,
        targetId: change.targetId ?? null,
        before: scrub(change.before),
        after: scrub(change.after),
        ip: ctx.ip,
        correlationId: ctx.correlationId,
      },
      manager,
    );
  }

  /** Administracja → Dziennik zdarzeń: newest first, filtered, paged. */
  async list(ctx: RequestContext, query: ListAuditEventsDto): Promise<z.infer<typeof auditEventPageSchema>> {
    const { rows, total } = await this.audit.page(ctx.tenant, {
      action: query.action,
      actorUserId: query.actorUserId,
      targetType: query.targetType,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { items: rows.map(eventView), page: query.page, pageSize: query.pageSize, total };
  }
}

function eventView(row: AuditEventRow): z.infer<typeof auditEventSchema> {
  const actor = row.actorUserId
    ? { type: 'user' as const, id: row.actorUserId, name: row.actorUserName }
    : row.actorApiKeyId
      ? { type: 'apiKey' as const, id: row.actorApiKeyId, name: row.actorApiKeyName }
      : null;
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}
