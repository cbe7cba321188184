import type { KsefCredentialEntity } from '@bufor/db';
import { SecretBox } from '@bufor/platform';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../tenancy/request-context';
import { parseSecret } from './credential-secret';
import type { KsefLogin } from './ksef-gateway';
import { KsefCredentialsException } from './ksef-credentials.exception';
import { KsefCredentialsRepository, type TenantKsefFacts } from './ksef-credentials.repository';
import { describeKsefFailure } from './ksef-failure';

/** A use of the credential failed; `reason` (Polish) is what the panel now shows. */
export class CredentialUseFailure extends Error {
  constructor(
    readonly reason: string,
    cause: unknown,
  ) {
    super(reason, { cause });
    this.name = 'CredentialUseFailure';
  }
}

/**
 * The one path by which a tenant's KSeF secret is decrypted: checks the environment the plan allows, opens the
 * envelope, runs the use, records the outcome for the panel and audits it (every credential use is audited).
 */
@Injectable()
export class KsefCredentialAccess {
  constructor(
    private readonly credentials: KsefCredentialsRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
  ) {}

  async tenant(ctx: RequestContext): Promise<TenantKsefFacts> {
    const facts = await this.credentials.tenantFacts(ctx.tenant);
    if (!facts) throw KsefCredentialsException.notConfigured();
    if (facts.plan === 'demo' && facts.ksefEnvironment === 'PRD') throw KsefCredentialsException.planForbidsPrd();
    return facts;
  }

  /** Runs `use` with the decrypted credential; failures are stored in Polish and rethrown. */
  async use<T>(
    ctx: RequestContext,
    purpose: string,
    use: (login: KsefLogin) => Promise<T>,
    options: { updatesPanel: boolean },
  ): Promise<T> {
    const facts = await this.tenant(ctx);
    const row = await this.credentials.find(ctx.tenant);
    if (!row?.secretEnvelope) throw KsefCredentialsException.notConfigured();
    const at = new Date();
    let result: T;
    try {
      const secret = parseSecret((await this.box.open(ctx.tenant.id, row.secretEnvelope)).revealString());
      result = await use({ environment: facts.ksefEnvironment, nip: facts.nip, secret });
    } catch (error) {
      const message = describeKsefFailure(error, facts.ksefEnvironment);
      await this.record(ctx, row, purpose, { at, error: message }, options.updatesPanel);
      throw new CredentialUseFailure(message, error);
    }
    await this.record(ctx, row, purpose, { at, error: null }, options.updatesPanel);
    return result;
  }

  private record(
    ctx: RequestContext,
    row: KsefCredentialEntity,
    purpose: string,
    outcome: { at: Date; error: string | null },
    updatesPanel: boolean,
  ): Promise<void> {
    return this.credentials.recordOutcome(ctx.tenant, row.id, updatesPanel ? outcome : null, (m) =>
      this.audit.record(
        ctx,
        {
          action: 'ksef_credential.used',
          targetType: 'ksef_credential',
          targetId: row.id,
          after: { purpose, method: row.method, ok: outcome.error === null, error: outcome.error },
        },
        m,
      ),
    );
  }
}
