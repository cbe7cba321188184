import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { TenantOwnedEntity } from './tenant-owned.entity';

/** Key of folders the system creates and protects. */
export type SystemFolderKey = 'unassigned';

/** A node of a tenant's document folder tree (parent null = top level). */
@Entity({ name: 'folders' })
@Index('folders_tenant_parent_name_idx', ['tenantId', 'parentId', 'name'], { unique: true })
// NULL parents are distinct in a unique index, so top-level names need their own partial index.
@Index('folders_tenant_root_name_idx', ['tenantId', 'name'], { unique: true, where: '"parent_id" IS NULL' })
@Index('folders_tenant_system_key_idx', ['tenantId', 'systemKey'], { unique: true, where: '"system_key" IS NOT NULL' })
export class FolderEntity extends TenantOwnedEntity {
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => FolderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: FolderEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'system_key', type: 'varchar', length: 32, nullable: true })
  systemKey!: SystemFolderKey | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
