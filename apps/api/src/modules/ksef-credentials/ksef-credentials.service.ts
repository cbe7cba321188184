import type { KsefCredentialEntity, KsefCredentialMethod } from '@bufor/db';
import { checkExternallySignedRequest, ExternalSignatureError } from '@bufor/ksef-client';
import { SecretBox } from '@bufor/platform';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../tenancy/request-context';
import { checkCertificate } from './certificate-check';
import { type CredentialSecret, serializeSecret } from './credential-secret';
import type { externalChallengeSchema } from './dto/ksef-connection.dto';
import type {
  CompleteExternalSigningDto,
  SetKsefCertificateDto,
  SetKsefTokenDto,
} from './dto/set-ksef-credentials.dto';
import { KsefCredentialAccess } from './ksef-credential-access';
import { KsefGateway } from './ksef-gateway';
import { KsefCredentialsException } from './ksef-credentials.exception';
import { KsefCredentialsRepository } from './ksef-credentials.repository';
import { describeKsefFailure, isRefusal } from './ksef-failure';
import { PendingSignatureStore } from './pending-signature.store';

/** Only facts safe to show and log go to the audit log: never the envelope or the secret. */
function publicFacts(row: Pick<KsefCredentialEntity, 'method' | 'details' | 'expiresAt'> | null) {
  return row ? { method: row.method, details: row.details, expiresAt: row.expiresAt?.toISOString() ?? null } : null;
}

/** Setting and removing a tenant's KSeF credential: checked first, sealed with the tenant's data key, audited. */
@Injectable()
export class KsefCredentialsService {
  constructor(
    private readonly credentials: KsefCredentialsRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly access: KsefCredentialAccess,
    private readonly ksef: KsefGateway,
    private readonly pending: PendingSignatureStore,
  ) {}

  async setToken(ctx: RequestContext, input: SetKsefTokenDto): Promise<void> {
    const token = input.token.trim();
    // The token's first part is KSeF's reference number of the token: a safe way to tell tokens apart.
    const reference = /^([0-9]{8}-[A-Z]{2}-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2})\|/.exec(token)?.[1];
    await this.store(ctx, 'token', { kind: 'token', token }, reference ? { tokenReference: reference } : {}, null);
  }

  async setCertificate(ctx: RequestContext, input: SetKsefCertificateDto): Promise<void> {
    const checked = checkCertificate({ ...input, now: new Date() });
    await this.store(
      ctx,
      'certificate',
      { kind: 'certificate', certificatePem: checked.certificatePem, privateKeyPem: checked.privateKeyPem },
      { subject: checked.subject, serialNumber: checked.serialNumber, fingerprint: checked.fingerprint },
      checked.validTo,
    );
  }

  /** Step 1 of external signing: the AuthTokenRequest (with a fresh KSeF challenge) to sign elsewhere. */
  async startExternalSigning(ctx: RequestContext): Promise<z.infer<typeof externalChallengeSchema>> {
    const facts = await this.access.tenant(ctx);
    let pending;
    try {
      pending = await this.ksef.startExternalSigning(facts.ksefEnvironment, facts.nip);
    } catch (error) {
      throw KsefCredentialsException.unavailable(describeKsefFailure(error, facts.ksefEnvironment));
    }
    const requestId = await this.pending.put(ctx.tenant, { environment: facts.ksefEnvironment, pending }, Date.now());
    return { requestId, unsignedXml: pending.unsignedXml, expiresAt: new Date(pending.expiresAt).toISOString() };
  }

  /** Step 2: the signed file logs in; the tokens KSeF issues become the credential (refresh token: 7 days). */
  async completeExternalSigning(ctx: RequestContext, input: CompleteExternalSigningDto): Promise<void> {
    const stored = await this.pending.get(ctx.tenant, input.requestId);
    if (!stored) throw KsefCredentialsException.signingRequestNotFound();
    try {
      checkExternallySignedRequest(input.signedXml, stored.pending.unsignedXml);
    } catch (error) {
      if (!(error instanceof ExternalSignatureError)) throw error;
      switch (error.problem) {
        case 'unsigned':
        case 'unsigned-original':
          throw KsefCredentialsException.xmlNotSigned(error.message);
        case 'wrong-challenge':
          throw KsefCredentialsException.xmlWrongChallenge(error.message);
        case 'not-xml':
        case 'not-auth-request':
          throw KsefCredentialsException.xmlInvalid(error.message);
      }
    }
    let secret: Extract<CredentialSecret, { kind: 'external_signature' }>;
    try {
      secret = await this.ksef.completeExternalSigning(stored.environment, stored.pending, input.signedXml);
    } catch (error) {
      const reason = describeKsefFailure(error, stored.environment);
      throw isRefusal(error) ? KsefCredentialsException.rejected(reason) : KsefCredentialsException.unavailable(reason);
    }
    await this.pending.delete(ctx.tenant, input.requestId);
    await this.store(
      ctx,
      'external_signature',
      secret,
      secret.referenceNumber ? { authReference: secret.referenceNumber } : {},
      new Date(secret.refreshToken.validUntil),
      new Date(),
    );
  }

  async remove(ctx: RequestContext): Promise<void> {
    const removed = await this.credentials.remove(ctx.tenant, (before, m) =>
      this.audit.record(
        ctx,
        {
          action: 'ksef_credential.deleted',
          targetType: 'ksef_credential',
          targetId: before.id,
          before: publicFacts(before),
        },
        m,
      ),
    );
    if (!removed) throw KsefCredentialsException.notConfigured();
  }

  private async store(
    ctx: RequestContext,
    method: KsefCredentialMethod,
    secret: CredentialSecret,
    details: Record<string, string>,
    expiresAt: Date | null,
    succeededAt: Date | null = null,
  ): Promise<void> {
    const secretEnvelope = await this.box.seal(ctx.tenant.id, serializeSecret(secret));
    const values = { method, secretEnvelope, details, expiresAt };
    await this.credentials.replace(ctx.tenant, values, succeededAt, (before, id, m) =>
      this.audit.record(
        ctx,
        {
          action: 'ksef_credential.set',
          targetType: 'ksef_credential',
          targetId: id,
          before: publicFacts(before),
          after: publicFacts(values),
        },
        m,
      ),
    );
  }
}
