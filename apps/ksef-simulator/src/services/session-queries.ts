import { KsefError } from '../core/errors';
import type { RequestAuth } from '../core/request-auth';
import { sessionsTable, type SessionInvoiceRecord, type SessionRecord } from '../domain/session';
import type { SimulatorContext } from '../simulator-context';
import { invoicesOf, refreshSession } from './session-lifecycle.service';

/** The caller's session or 21173 (another context's session is reported as unknown). */
export function findSession(
  ctx: SimulatorContext,
  auth: RequestAuth,
  referenceNumber: string,
  type?: 'Online' | 'Batch',
): SessionRecord {
  const session = sessionsTable(ctx.store).get(referenceNumber);
  if (!session || session.contextKey !== auth.contextKey || (type && session.type !== type)) {
    throw new KsefError(21173, 'Brak sesji o wskazanym numerze referencyjnym.', [
      `Sesja ${referenceNumber} nie istnieje.`,
    ]);
  }
  refreshSession(ctx, session);
  return session;
}

export function invoicesOfSession(ctx: SimulatorContext, session: SessionRecord): SessionInvoiceRecord[] {
  return invoicesOf(ctx, session);
}
