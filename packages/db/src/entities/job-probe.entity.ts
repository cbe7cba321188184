import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';

/** Evidence that a diagnostics.probe job ran to the end (readiness checks, shutdown tests). */
@Entity({ name: 'job_probes' })
export class JobProbeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;

  @Column({ name: 'runs', type: 'integer', default: 1 })
  runs!: number;

  @Column({ name: 'worker_id', type: 'varchar', length: 200 })
  workerId!: string;

  @CreateDateColumn({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;
}
