import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DocumentDirection, DocumentKind } from './document.entity';
import { FolderEntity } from './folder.entity';
import { TenantEntity } from './tenant.entity';

/**
 * How many documents of one direction and kind a folder holds. Maintained only by statement-level triggers on
 * `documents` (migration 1763900000000), in the same transaction as the change, so folder counts and list totals
 * without row filters never count rows. The direction/kind split lets a grant's category limits apply to the
 * counts. Status is left out on purpose: status changes are the most frequent updates and then write no counter.
 */
@Entity({ name: 'folder_document_counts' })
export class FolderDocumentCountEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  direction!: DocumentDirection;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind!: DocumentKind;

  @Column({ type: 'integer' })
  documents!: number;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;

  @ManyToOne(() => FolderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id' })
  folder?: FolderEntity;
}
