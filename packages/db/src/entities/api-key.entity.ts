import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from './tenant-owned.entity';

export const API_KEY_SCOPES = ['invoices:write', 'invoices:read', 'purchases:read', 'documents:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** A POS/ERP integration's key: shown once, stored as SHA-256, found by its public prefix. */
@Entity({ name: 'api_keys' })
@Index('api_keys_tenant_idx', ['tenantId'])
export class ApiKeyEntity extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('api_keys_prefix_idx', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 32, array: true })
  scopes!: ApiKeyScope[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
