import { randomBytes } from 'node:crypto';
import { isoDateTime } from '../core/dates';
import { KsefError, validationError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import type { RequestAuth } from '../core/request-auth';
import { contextKey, type SubjectIdentifier } from '../domain/identifiers';
import {
  hashKsefToken,
  ksefTokensTable,
  saveKsefToken,
  type KsefTokenRecord,
  type KsefTokenStatus,
} from '../domain/ksef-token';
import { personLinksTable, type Permission } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';

export interface GenerateTokenBody {
  permissions: Permission[];
  description: string;
}

export interface TokenListFilters {
  statuses: KsefTokenStatus[];
  description?: string;
  authorIdentifier?: string;
  authorIdentifierType?: string;
}

const CONTEXT_LABEL: Record<string, string> = { Nip: 'nip', InternalId: 'internalId' };

/** The identity behind the caller: the token author for token logins, the certificate subject otherwise. */
function callerSubject(auth: RequestAuth): SubjectIdentifier | null {
  return auth.operation.subject;
}

/** Same person: equal identifiers, or a PESEL linked to the NIP (NIP–PESEL link, `/testdata/person`). */
function sameSubject(ctx: SimulatorContext, a: SubjectIdentifier, b: SubjectIdentifier | null): boolean {
  if (!b) return false;
  if (a.type === b.type && a.value === b.value) return true;
  const link = (pesel: string, nip: string) => personLinksTable(ctx.store).get(pesel)?.nip === nip;
  if (a.type === 'Pesel' && b.type === 'Nip') return link(a.value, b.value);
  if (a.type === 'Nip' && b.type === 'Pesel') return link(b.value, a.value);
  return false;
}

/** POST /tokens: 26002 outside Nip/InternalId contexts, 26001 for permissions the caller lacks. Pending until activated. */
export function generateToken(ctx: SimulatorContext, auth: RequestAuth, body: GenerateTokenBody) {
  const label = CONTEXT_LABEL[auth.context.type];
  if (!label) {
    throw new KsefError(26002, 'Nie można wygenerować tokena dla obecnego typu kontekstu.', [
      `Bieżący typ kontekstu: ${auth.context.type}. Dozwolone: Nip, InternalId.`,
    ]);
  }
  const missing = body.permissions.filter((p) => !auth.permissions.includes(p));
  if (missing.length > 0) {
    throw new KsefError(26001, 'Nie można nadać tokenowi uprawnień których nie posiadasz.', [
      `Brakujące uprawnienia: ${missing.join(', ')}.`,
    ]);
  }
  const author = callerSubject(auth);
  if (!author) throw validationError('Nie można ustalić autora tokena.');
  const now = ctx.clock.now();
  const referenceNumber = newReferenceNumber('EC', now);
  const token = `${referenceNumber}|${label}-${auth.context.value}|${randomBytes(32).toString('hex')}`;
  const record: KsefTokenRecord = {
    referenceNumber,
    tokenHash: hashKsefToken(token),
    context: { ...auth.context },
    author: { ...author },
    description: body.description,
    permissions: [...new Set(body.permissions)],
    status: 'Pending',
    dateCreated: now,
    lastUseDate: null,
    plainToken: null,
  };
  saveKsefToken(ctx.store, record);
  // Activation is asynchronous in KSeF: the token is unusable until its status becomes Active.
  ctx.scheduler.run(ctx.faults.processingDelayMs, () => {
    if (record.status === 'Pending') record.status = 'Active';
  });
  return { referenceNumber, token };
}

function canSeeAll(auth: RequestAuth): boolean {
  return auth.permissions.includes('CredentialsManage') || auth.permissions.includes('CredentialsRead');
}

/** Visibility without CredentialsManage/Read: a token login sees its own token, others the tokens they authored. */
function visibleWithoutRights(ctx: SimulatorContext, auth: RequestAuth, token: KsefTokenRecord): boolean {
  if (auth.operation.ksefTokenReferenceNumber) return token.referenceNumber === auth.operation.ksefTokenReferenceNumber;
  return sameSubject(ctx, token.author, callerSubject(auth));
}

function inContext(auth: RequestAuth, token: KsefTokenRecord): boolean {
  return contextKey(token.context) === auth.contextKey;
}

export function tokenView(token: KsefTokenRecord) {
  return {
    referenceNumber: token.referenceNumber,
    authorIdentifier: token.author,
    contextIdentifier: token.context,
    description: token.description,
    requestedPermissions: token.permissions.filter((p) => TOKEN_PERMISSIONS.has(p)),
    dateCreated: isoDateTime(token.dateCreated),
    lastUseDate: token.lastUseDate === null ? null : isoDateTime(token.lastUseDate),
    status: token.status,
    statusDetails: token.status === 'Failed' ? ['Aktywacja tokena nie powiodła się.'] : null,
  };
}

const TOKEN_PERMISSIONS = new Set<string>([
  'InvoiceRead',
  'InvoiceWrite',
  'CredentialsRead',
  'CredentialsManage',
  'SubunitManage',
  'EnforcementOperations',
  'Introspection',
]);

export function listTokens(ctx: SimulatorContext, auth: RequestAuth, filters: TokenListFilters) {
  const all = canSeeAll(auth);
  const description = filters.description?.toLowerCase();
  const author = filters.authorIdentifier?.toLowerCase();
  return [...ksefTokensTable(ctx.store).values()]
    .filter((t) => inContext(auth, t) && (all || visibleWithoutRights(ctx, auth, t)))
    .filter((t) => filters.statuses.length === 0 || filters.statuses.includes(t.status))
    .filter((t) => !description || t.description.toLowerCase().includes(description))
    .filter((t) => !author || t.author.value.toLowerCase().includes(author))
    .filter((t) => !filters.authorIdentifierType || t.author.type === filters.authorIdentifierType)
    .sort((a, b) => b.dateCreated - a.dateCreated || (a.referenceNumber < b.referenceNumber ? 1 : -1));
}

function notFound(referenceNumber: string): KsefError {
  return validationError(`Token o numerze referencyjnym ${referenceNumber} nie istnieje.`);
}

export function getToken(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string) {
  const token = ksefTokensTable(ctx.store).get(referenceNumber);
  if (!token || !inContext(auth, token) || !(canSeeAll(auth) || visibleWithoutRights(ctx, auth, token))) {
    throw notFound(referenceNumber);
  }
  return tokenView(token);
}

/** DELETE /tokens/{ref}: CredentialsManage revokes any token of the context; otherwise own tokens only. */
export function revokeToken(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string): void {
  const token = ksefTokensTable(ctx.store).get(referenceNumber);
  const allowed =
    token &&
    inContext(auth, token) &&
    (auth.permissions.includes('CredentialsManage') || visibleWithoutRights(ctx, auth, token));
  if (!token || !allowed) throw notFound(referenceNumber);
  if (token.status === 'Revoked' || token.status === 'Revoking') return;
  token.status = 'Revoking';
  ctx.scheduler.run(ctx.faults.processingDelayMs, () => {
    token.status = 'Revoked';
  });
}
