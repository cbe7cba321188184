import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { TenantOwnedEntity } from './tenant-owned.entity';

export const KSEF_CREDENTIAL_METHODS = ['token', 'certificate', 'external_signature'] as const;
export type KsefCredentialMethod = (typeof KSEF_CREDENTIAL_METHODS)[number];

/**
 * How a tenant signs in to KSeF. The secret material (token, certificate + key + password) is a SecretBox envelope
 * (per-tenant data key wrapped by the KMS key); it is never returned by the API nor logged.
 */
@Entity({ name: 'ksef_credentials' })
@Index('ksef_credentials_tenant_idx', ['tenantId'], { unique: true })
export class KsefCredentialEntity extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 24 })
  method!: KsefCredentialMethod;

  @Column({ name: 'secret_envelope', type: 'text', nullable: true })
  secretEnvelope!: string | null;

  /** Non-secret facts shown in the connection panel (certificate subject, serial, token description). */
  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, string>;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 2000, nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_error_at', type: 'timestamptz', nullable: true })
  lastErrorAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
