import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  ApiKeyEntity,
  type ApiKeyScope,
  MembershipEntity,
  type MembershipRole,
  TenantEntity,
  UserEntity,
} from '@bufor/db';
import { hash } from 'argon2';
import type { DataSource } from 'typeorm';

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** A random NIP with a valid checksum (the tax office prefix is never 000). */
export function randomNip(): string {
  for (;;) {
    const digits = [randomInt(1, 10), ...Array.from({ length: 8 }, () => randomInt(0, 10))];
    const check = digits.reduce((sum, digit, i) => sum + digit * NIP_WEIGHTS[i]!, 0) % 11;
    if (check !== 10) return [...digits, check].join('');
  }
}

/** Builders over a real database: each test makes exactly the rows it needs (no shared seed). */
export class TestBuilders {
  constructor(protected readonly db: DataSource) {}

  async newTenant(
    overrides: Partial<Pick<TenantEntity, 'name' | 'nip' | 'slug' | 'plan'>> = {},
  ): Promise<TenantEntity> {
    const suffix = randomBytes(3).toString('hex');
    return this.db.getRepository(TenantEntity).save({
      name: overrides.name ?? `Firma Testowa ${suffix} Sp. z o.o.`,
      nip: overrides.nip ?? randomNip(),
      slug: overrides.slug ?? `firma-${suffix}`,
      plan: overrides.plan ?? 'demo',
    });
  }

  async newUser(
    options: {
      tenant?: TenantEntity;
      role?: MembershipRole;
      email?: string;
      password?: string;
      displayName?: string;
    } = {},
  ): Promise<UserEntity & { password: string }> {
    const password = options.password ?? `Haslo-${randomBytes(6).toString('hex')}`;
    const user = await this.db.getRepository(UserEntity).save({
      email: (options.email ?? `user-${randomBytes(4).toString('hex')}@example.pl`).toLowerCase(),
      displayName: options.displayName ?? 'Jan Testowy',
      passwordHash: await hash(password),
    });
    if (options.tenant) {
      await this.db
        .getRepository(MembershipEntity)
        .save({ tenantId: options.tenant.id, userId: user.id, role: options.role ?? 'user' });
    }
    return Object.assign(user, { password });
  }

  /** An integration key in the API's format (`bfk_<prefix>_<secret>`), stored hashed as the API stores it. */
  async newApiKey(options: {
    tenant: TenantEntity;
    scopes?: ApiKeyScope[];
    name?: string;
  }): Promise<{ id: string; key: string }> {
    const prefix = randomBytes(5).toString('hex');
    const key = `bfk_${prefix}_${randomBytes(32).toString('base64url')}`;
    const saved = await this.db.getRepository(ApiKeyEntity).save({
      tenantId: options.tenant.id,
      name: options.name ?? 'Kasa testowa',
      prefix,
      keyHash: createHash('sha256').update(key).digest('hex'),
      scopes: options.scopes ?? ['invoices:write'],
      createdBy: null,
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { id: saved.id, key };
  }
}
