import { type ApiKeyEntity, TenantScope } from '@bufor/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

type ApiKeyRow = Pick<ApiKeyEntity, 'id' | 'tenantId' | 'keyHash' | 'scopes' | 'expiresAt' | 'revokedAt'>;

/** Finds integrations' keys before their tenant is known (through the security-definer function of the schema). */
@Injectable()
export class ApiKeyAuthRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
  ) {}

  async findByPrefix(prefix: string): Promise<ApiKeyRow | null> {
    const rows = await this.dataSource.query<
      {
        id: string;
        tenant_id: string;
        key_hash: string;
        scopes: ApiKeyEntity['scopes'];
        expires_at: Date | null;
        revoked_at: Date | null;
      }[]
    >('SELECT id, tenant_id, key_hash, scopes, expires_at, revoked_at FROM bufor_api_key_by_prefix($1)', [prefix]);
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      keyHash: row.key_hash,
      scopes: row.scopes,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    };
  }

  async touch(tenantId: string, id: string, at: Date): Promise<void> {
    await this.scope.run({ id: tenantId }, (m) =>
      m.query('UPDATE api_keys SET last_used_at = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, at]),
    );
  }
}
