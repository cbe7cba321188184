import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { RequestContext } from '../tenancy/request-context';
import type {
  connectionTestSchema,
  ksefCertificateListSchema,
  ksefConnectionSchema,
  ksefTokenListSchema,
} from './dto/ksef-connection.dto';
import { CredentialUseFailure, KsefCredentialAccess } from './ksef-credential-access';
import { KsefGateway, type KsefLogin } from './ksef-gateway';
import { KsefCredentialsException } from './ksef-credentials.exception';
import { KsefCredentialsRepository } from './ksef-credentials.repository';
import { isRefusal } from './ksef-failure';

const SOON_MS = 30 * 86_400_000;

export type Expiry = 'ok' | 'soon' | 'expired';

/** Orange within 30 days, red when past. */
export function expiryCategory(expiresAt: Date | null, now: Date): Expiry {
  if (!expiresAt) return 'ok';
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= SOON_MS ? 'soon' : 'ok';
}

const iso = (value: string | Date): string => new Date(value).toISOString();

/** Ustawienia → Połączenie z KSeF: the panel, "Sprawdź połączenie", and what KSeF lists for the company. */
@Injectable()
export class KsefConnectionService {
  constructor(
    private readonly credentials: KsefCredentialsRepository,
    private readonly access: KsefCredentialAccess,
    private readonly ksef: KsefGateway,
  ) {}

  async panel(ctx: RequestContext): Promise<z.infer<typeof ksefConnectionSchema>> {
    const facts = await this.credentials.tenantFacts(ctx.tenant);
    const row = await this.credentials.find(ctx.tenant);
    const now = new Date();
    const failingNow = !!row?.lastErrorAt && (!row.lastSuccessAt || row.lastErrorAt > row.lastSuccessAt);
    return {
      environment: facts?.ksefEnvironment ?? 'SIM',
      method: row?.method ?? null,
      active: !!row?.secretEnvelope && expiryCategory(row.expiresAt, now) !== 'expired' && !failingNow,
      expiresAt: row?.expiresAt?.toISOString() ?? null,
      lastSuccessAt: row?.lastSuccessAt?.toISOString() ?? null,
      lastError: row?.lastError ?? null,
      lastErrorAt: row?.lastErrorAt?.toISOString() ?? null,
      details: row?.details ?? {},
    };
  }

  /** Runs the real authentication; a refusal is an answer (ok: false), not an HTTP error. */
  async test(ctx: RequestContext): Promise<z.infer<typeof connectionTestSchema>> {
    const checkedAt = new Date().toISOString();
    try {
      await this.access.use(ctx, 'connection_test', (login) => this.ksef.testLogin(login), { updatesPanel: true });
      return { ok: true, checkedAt };
    } catch (error) {
      if (error instanceof CredentialUseFailure) return { ok: false, checkedAt, error: error.reason };
      throw error;
    }
  }

  async tokens(ctx: RequestContext): Promise<z.infer<typeof ksefTokenListSchema>> {
    const now = new Date();
    const tokens = await this.listing(ctx, 'list_tokens', (login) => this.ksef.listTokens(login));
    return {
      items: tokens.map((token) => ({
        referenceNumber: token.referenceNumber,
        description: token.description,
        status: token.status,
        permissions: token.requestedPermissions,
        createdAt: iso(token.dateCreated),
        lastUsedAt: token.lastUseDate ? iso(token.lastUseDate) : null,
        expiresAt: null,
        expiry: token.status === 'Revoked' || token.status === 'Failed' ? 'expired' : expiryCategory(null, now),
      })),
    };
  }

  async certificates(ctx: RequestContext): Promise<z.infer<typeof ksefCertificateListSchema>> {
    const now = new Date();
    const certificates = await this.listing(ctx, 'list_certificates', (login) => this.ksef.listCertificates(login));
    return {
      items: certificates.map((certificate) => ({
        serialNumber: certificate.certificateSerialNumber,
        name: certificate.name,
        type: certificate.type,
        commonName: certificate.commonName,
        status: certificate.status,
        validFrom: iso(certificate.validFrom),
        expiresAt: iso(certificate.validTo),
        expiry: expiryCategory(new Date(certificate.validTo), now),
      })),
    };
  }

  private async listing<T>(ctx: RequestContext, purpose: string, call: (login: KsefLogin) => Promise<T>): Promise<T> {
    try {
      // Listing needs rights the login may lack; only a connection test changes the panel's verdict.
      return await this.access.use(ctx, purpose, call, { updatesPanel: false });
    } catch (error) {
      if (!(error instanceof CredentialUseFailure)) throw error;
      if (isRefusal(error.cause)) throw KsefCredentialsException.rejected(error.reason);
      throw KsefCredentialsException.unavailable(error.reason);
    }
  }
}
