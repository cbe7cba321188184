import { randomUUID } from 'node:crypto';
import type { KsefEnvironmentName, TenantRef } from '@bufor/db';
import type { PendingExternalSignature } from '@bufor/ksef-client';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { REDIS } from '../../infrastructure/redis.module';

export interface StoredSigningRequest {
  environment: KsefEnvironmentName;
  pending: PendingExternalSignature;
}

/**
 * Unsigned AuthTokenRequests waiting for their signed copy (KSeF challenges live 10 minutes). Nothing secret:
 * the challenge and the XML are what the user downloads anyway. Keyed by tenant, so another tenant's id misses.
 */
@Injectable()
export class PendingSignatureStore {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async put(tenant: TenantRef, request: StoredSigningRequest, now: number): Promise<string> {
    const id = randomUUID();
    const ttlMs = Math.max(1_000, request.pending.expiresAt - now);
    await this.redis.set(this.key(tenant, id), JSON.stringify(request), 'PX', ttlMs);
    return id;
  }

  async get(tenant: TenantRef, id: string): Promise<StoredSigningRequest | null> {
    const text = await this.redis.get(this.key(tenant, id));
    return text ? (JSON.parse(text) as StoredSigningRequest) : null;
  }

  async delete(tenant: TenantRef, id: string): Promise<void> {
    await this.redis.del(this.key(tenant, id));
  }

  private key(tenant: TenantRef, id: string): string {
    return `${this.config.REDIS_KEY_PREFIX}:ksef-signing:${tenant.id}:${id}`;
  }
}
