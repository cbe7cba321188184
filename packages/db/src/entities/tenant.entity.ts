import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type TenantPlan = 'demo' | 'full';
export const TAXPAYER_STATUSES = ['active', 'bankruptcy', 'liquidation', 'restructuring', 'suspended'] as const;
export type TaxpayerStatus = (typeof TAXPAYER_STATUSES)[number];
export const KSEF_ENVIRONMENTS = ['SIM', 'TEST', 'DEMO', 'PRD'] as const;
export type KsefEnvironmentName = (typeof KSEF_ENVIRONMENTS)[number];

export interface PostalAddress {
  countryCode: string;
  line1: string;
  line2?: string;
  postalCode?: string;
  city?: string;
}

/** A company: one buffer per NIP. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 10, unique: true })
  nip!: string;

  @Column({ type: 'varchar', length: 63, unique: true })
  slug!: string;

  @Column({ type: 'varchar', length: 512 })
  name!: string;

  @Column({ type: 'varchar', length: 16, default: 'demo' })
  plan!: TenantPlan;

  @Column({ name: 'registered_address', type: 'jsonb', nullable: true })
  registeredAddress!: PostalAddress | null;

  @Column({ name: 'correspondence_address', type: 'jsonb', nullable: true })
  correspondenceAddress!: PostalAddress | null;

  @Column({ type: 'varchar', length: 17, nullable: true })
  eori!: string | null;

  @Column({ name: 'taxpayer_status', type: 'varchar', length: 16, default: 'active' })
  taxpayerStatus!: TaxpayerStatus;

  @Column({ name: 'contact_email', type: 'varchar', length: 320, nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'ksef_environment', type: 'varchar', length: 4, default: 'SIM' })
  ksefEnvironment!: KsefEnvironmentName;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
