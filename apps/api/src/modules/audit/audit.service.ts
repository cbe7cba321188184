import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../tenancy/request-context';
import { AuditRepository } from './audit.repository';

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
}
