import { randomBytes } from 'node:crypto';
import { newReferenceNumber } from '../core/identifiers';
import { hashKsefToken, ksefTokensTable, saveKsefToken } from '../domain/ksef-token';
import type { Permission } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';

/**
 * `POST /sim/contexts`: a taxpayer (NIP context, owner = the NIP itself) plus an Active KSeF token with
 * InvoiceWrite + InvoiceRead that works at /v2/auth/ksef-token as-is. Repeated calls return the same token.
 */
export function ensureSimContext(
  ctx: SimulatorContext,
  nip: string,
  permissions: Permission[] = ['InvoiceWrite', 'InvoiceRead'],
): { nip: string; ksefToken: string } {
  const wanted = [...permissions].sort().join(',');
  for (const token of ksefTokensTable(ctx.store).values()) {
    const same =
      token.context.type === 'Nip' && token.context.value === nip && [...token.permissions].sort().join(',') === wanted;
    if (token.plainToken && same && token.status === 'Active') {
      return { nip, ksefToken: token.plainToken };
    }
  }
  const now = ctx.clock.now();
  const referenceNumber = newReferenceNumber('EC', now);
  const plainToken = `${referenceNumber}|nip-${nip}|${randomBytes(32).toString('hex')}`;
  saveKsefToken(ctx.store, {
    referenceNumber,
    tokenHash: hashKsefToken(plainToken),
    context: { type: 'Nip', value: nip },
    author: { type: 'Nip', value: nip },
    description: 'Token symulatora (POST /sim/contexts)',
    permissions: [...permissions],
    status: 'Active',
    dateCreated: now,
    lastUseDate: null,
    plainToken,
  });
  return { nip, ksefToken: plainToken };
}
