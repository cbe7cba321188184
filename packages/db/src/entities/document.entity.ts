import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { FolderEntity } from './folder.entity';
import { TenantOwnedEntity } from './tenant-owned.entity';

export const DOCUMENT_DIRECTIONS = ['sales', 'purchase'] as const;
export type DocumentDirection = (typeof DOCUMENT_DIRECTIONS)[number];
/** From FA(3) RodzajFaktury: VAT, KOR, ZAL, ROZ, UPR (and KOR_ZAL/KOR_ROZ as corrections). */
export const DOCUMENT_KINDS = ['vat', 'correction', 'advance', 'settlement', 'simplified'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** Values a folder grant may be limited to: a direction or a kind. */
export const DOCUMENT_CATEGORIES = [...DOCUMENT_DIRECTIONS, ...DOCUMENT_KINDS] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
export const DOCUMENT_STATUSES = [
  'draft',
  'queued',
  'sending',
  'accepted',
  'rejected',
  'received',
  'booked',
  'ignored',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** An invoice of a tenant, sales or purchase, with where its files are kept. Money is decimal (numeric), never float. */
@Entity({ name: 'documents' })
// The list's sort orders, each ending with the id so a keyset (cursor) page continues exactly where the last ended.
// The indexes marked `synchronize: false` carry INCLUDE columns TypeORM cannot describe: their definition is in
// migration 1763900000000. With folder, direction, kind and status inside them, the list finds a page's ids (and
// counts) with index-only scans, filters and category limits applied there, and reads only the page's rows.
@Index('documents_tenant_folder_issue_idx', { synchronize: false })
@Index('documents_tenant_issue_idx', { synchronize: false })
@Index('documents_tenant_status_issue_idx', { synchronize: false })
@Index('documents_tenant_number_idx', ['tenantId', 'number', 'id'])
@Index('documents_tenant_gross_idx', ['tenantId', 'grossTotal', 'id'])
// A user's list reads folder by folder: each folder's first rows in the other sort orders.
@Index('documents_tenant_folder_number_idx', ['tenantId', 'folderId', 'number', 'id'])
@Index('documents_tenant_folder_gross_idx', ['tenantId', 'folderId', 'grossTotal', 'id'])
@Index('documents_tenant_seller_idx', ['tenantId', 'sellerNip'])
@Index('documents_tenant_buyer_idx', ['tenantId', 'buyerNip'])
@Index('documents_tenant_ksef_idx', ['tenantId', 'ksefNumber'], { unique: true, where: '"ksef_number" IS NOT NULL' })
export class DocumentEntity extends TenantOwnedEntity {
  @Column({ name: 'folder_id', type: 'uuid' })
  folderId!: string;

  @ManyToOne(() => FolderEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'folder_id' })
  folder?: FolderEntity;

  @Column({ type: 'varchar', length: 8 })
  direction!: DocumentDirection;

  @Column({ type: 'varchar', length: 16 })
  kind!: DocumentKind;

  @Column({ type: 'varchar', length: 16 })
  status!: DocumentStatus;

  /** P_2: the invoice number given by the seller. */
  @Column({ type: 'varchar', length: 256 })
  number!: string;

  @Column({ name: 'seller_nip', type: 'varchar', length: 10, nullable: true })
  sellerNip!: string | null;

  @Column({ name: 'seller_name', type: 'varchar', length: 512 })
  sellerName!: string;

  @Column({ name: 'buyer_nip', type: 'varchar', length: 10, nullable: true })
  buyerNip!: string | null;

  @Column({ name: 'buyer_name', type: 'varchar', length: 512 })
  buyerName!: string;

  /** P_1 */
  @Column({ name: 'issue_date', type: 'date' })
  issueDate!: string;

  /** P_6 */
  @Column({ name: 'sale_date', type: 'date', nullable: true })
  saleDate!: string | null;

  @Column({ type: 'char', length: 3, default: 'PLN' })
  currency!: string;

  @Column({ name: 'net_total', type: 'numeric', precision: 18, scale: 2 })
  netTotal!: string;

  @Column({ name: 'vat_total', type: 'numeric', precision: 18, scale: 2 })
  vatTotal!: string;

  @Column({ name: 'gross_total', type: 'numeric', precision: 18, scale: 2 })
  grossTotal!: string;

  @Column({ name: 'ksef_number', type: 'varchar', length: 64, nullable: true })
  ksefNumber!: string | null;

  @Column({ name: 'ksef_accepted_at', type: 'timestamptz', nullable: true })
  ksefAcceptedAt!: Date | null;

  @Column({ name: 'xml_key', type: 'varchar', length: 512, nullable: true })
  xmlKey!: string | null;

  @Column({ name: 'pdf_key', type: 'varchar', length: 512, nullable: true })
  pdfKey!: string | null;

  @Column({ name: 'upo_key', type: 'varchar', length: 512, nullable: true })
  upoKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
