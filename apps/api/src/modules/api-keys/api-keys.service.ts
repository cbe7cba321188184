import type { ApiKeyEntity } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { newApiKey } from '../auth/api-key-token';
import type { RequestContext } from '../tenancy/request-context';
import { ApiKeysException } from './api-keys.exception';
import { ApiKeysRepository } from './api-keys.repository';
import type { apiKeySchema, createdApiKeySchema } from './dto/api-key.dto';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';

type ApiKeyView = z.infer<typeof apiKeySchema>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(row: ApiKeyEntity): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Integration keys: created by an admin and shown once, stored as a hash, revoked for good. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext): Promise<{ items: ApiKeyView[] }> {
    return { items: (await this.keys.list(ctx.tenant)).map(view) };
  }

  async create(ctx: RequestContext, input: CreateApiKeyDto): Promise<z.infer<typeof createdApiKeySchema>> {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw ApiKeysException.expiryInPast();
    const { key, prefix, hash } = newApiKey();
    return this.keys.create(
      ctx.tenant,
      { name: input.name, prefix, keyHash: hash, scopes: input.scopes, createdBy: ctx.userId, expiresAt },
      async (row, m) => {
        const shown = view(row);
        await this.audit.record(
          ctx,
          { action: 'api_key.created', targetType: 'api_key', targetId: row.id, after: { ...shown } },
          m,
        );
        return { ...shown, key };
      },
    );
  }

  async revoke(ctx: RequestContext, id: string): Promise<void> {
    if (!UUID.test(id)) throw ApiKeysException.notFound();
    await this.keys.withLockedKey(ctx.tenant, id, async (row, m) => {
      if (!row) throw ApiKeysException.notFound();
      if (row.revokedAt) throw ApiKeysException.alreadyRevoked();
      const at = new Date();
      await this.keys.markRevoked(ctx.tenant, id, at, m);
      await this.audit.record(
        ctx,
        {
          action: 'api_key.revoked',
          targetType: 'api_key',
          targetId: id,
          before: { name: row.name, revokedAt: null },
          after: { name: row.name, revokedAt: at.toISOString() },
        },
        m,
      );
    });
  }
}
