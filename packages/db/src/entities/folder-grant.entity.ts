import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FolderEntity } from './folder.entity';
import { UserGroupEntity } from './user-group.entity';
import { UserEntity } from './user.entity';

export const FOLDER_PERMISSIONS = ['view', 'handle'] as const;
export type FolderPermission = (typeof FOLDER_PERMISSIONS)[number];

/**
 * `view` or `handle` on a folder (and its subfolders) for one user or one group, optionally only for some document
 * kinds. `handle` includes `view`.
 */
@Entity({ name: 'folder_grants' })
@Index('folder_grants_tenant_folder_idx', ['tenantId', 'folderId'])
@Index('folder_grants_user_idx', ['tenantId', 'userId'])
@Index('folder_grants_group_idx', ['tenantId', 'groupId'])
export class FolderGrantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @ManyToOne(() => FolderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'folder_id' })
  folder?: FolderEntity;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => UserGroupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: UserGroupEntity;

  @Column({ type: 'varchar', length: 8 })
  permission!: FolderPermission;

  /** null = every kind of document. */
  @Column({ name: 'document_kinds', type: 'varchar', length: 16, array: true, nullable: true })
  documentKinds!: string[] | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
