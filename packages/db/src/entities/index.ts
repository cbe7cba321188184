import { AuthSessionEntity } from './auth-session.entity';
import { JobProbeEntity } from './job-probe.entity';
import { MembershipEntity } from './membership.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export * from './auth-session.entity';
export * from './job-probe.entity';
export * from './membership.entity';
export * from './tenant.entity';
export * from './user.entity';

/** Every entity, listed explicitly (no globs: the same list works from sources in tests and from dist). */
export const entities = [TenantEntity, UserEntity, MembershipEntity, JobProbeEntity, AuthSessionEntity];
