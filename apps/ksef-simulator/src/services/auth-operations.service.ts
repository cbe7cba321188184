import { isoDateTime } from '../core/dates';
import { GoneError, KsefError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import type { RequestAuth } from '../core/request-auth';
import {
  AUTH_STATUS,
  authOperationsTable,
  visibleAuthStatus,
  type AuthOperationRecord,
  type StatusInfo,
} from '../domain/auth-operation';
import {
  blockedContextsTable,
  CHALLENGE_LIFETIME_MS,
  challengesTable,
  type ChallengeRecord,
} from '../domain/challenge';
import { contextKey, type ContextIdentifier } from '../domain/identifiers';
import { ksefTokensTable } from '../domain/ksef-token';
import { personLinksTable, resolvePermissions, type Permission } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';

const AUTH_STATUS_RETENTION_MS = 7 * 24 * 3600 * 1000;

export function createChallenge(ctx: SimulatorContext, clientIp: string) {
  const now = ctx.clock.now();
  const record: ChallengeRecord = {
    challenge: newReferenceNumber('CR', now),
    timestampMs: now,
    expiresAt: now + CHALLENGE_LIFETIME_MS,
    used: false,
    clientIp,
  };
  challengesTable(ctx.store).set(record.challenge, record);
  return { challenge: record.challenge, timestamp: isoDateTime(now), timestampMs: now, clientIp };
}

/** Malformed, unknown, expired or reused challenge -> sync 400 21111; marks it used otherwise. */
export function consumeChallenge(ctx: SimulatorContext, challenge: string): ChallengeRecord {
  const record = challengesTable(ctx.store).get(challenge);
  if (!record || record.used || ctx.clock.now() > record.expiresAt) {
    throw new KsefError(21111, 'Nieprawidłowe wyzwanie autoryzacyjne.', [
      !record ? 'Wyzwanie nie istnieje.' : record.used ? 'Wyzwanie zostało już wykorzystane.' : 'Wyzwanie wygasło.',
    ]);
  }
  record.used = true;
  return record;
}

export type NewOperation = Omit<
  AuthOperationRecord,
  | 'referenceNumber'
  | 'startDate'
  | 'readyAt'
  | 'isTokenRedeemed'
  | 'lastTokenRefreshDate'
  | 'refreshTokenValidUntil'
  | 'revoked'
>;

/** Records an authentication and returns the 202 body; the outcome becomes visible after the processing delay. */
export function startOperation(ctx: SimulatorContext, operation: NewOperation) {
  const now = ctx.clock.now();
  let status = operation.status;
  if (status.code === 200 && blockedContextsTable(ctx.store).get(contextKey(operation.context)))
    status = AUTH_STATUS.blocked;
  if (status.code === 200 && operation.permissions.length === 0) status = AUTH_STATUS.noPermissions;
  if (
    status.code === 200 &&
    operation.subject?.type === 'Pesel' &&
    personLinksTable(ctx.store).get(operation.subject.value)?.isDeceased
  ) {
    status = AUTH_STATUS.deceased;
  }
  const record: AuthOperationRecord = {
    ...operation,
    status,
    referenceNumber: newReferenceNumber('AU', now),
    startDate: now,
    readyAt: now + ctx.faults.processingDelayMs,
    isTokenRedeemed: false,
    lastTokenRefreshDate: null,
    refreshTokenValidUntil: null,
    revoked: false,
  };
  authOperationsTable(ctx.store).set(record.referenceNumber, record);
  const authenticationToken = ctx.tokens.authenticationToken(record);
  return {
    referenceNumber: record.referenceNumber,
    authenticationToken: { token: authenticationToken.token, validUntil: isoDateTime(authenticationToken.validUntil) },
  };
}

function statusBody(status: StatusInfo) {
  return { code: status.code, description: status.description, ...(status.details ? { details: status.details } : {}) };
}

function operationView(ctx: SimulatorContext, operation: AuthOperationRecord) {
  return {
    startDate: isoDateTime(operation.startDate),
    authenticationMethod: operation.method,
    authenticationMethodInfo: operation.methodInfo,
    status: statusBody(visibleAuthStatus(operation, ctx.clock.now())),
    isTokenRedeemed: operation.isTokenRedeemed,
    lastTokenRefreshDate: operation.lastTokenRefreshDate ? isoDateTime(operation.lastTokenRefreshDate) : null,
    refreshTokenValidUntil: operation.refreshTokenValidUntil ? isoDateTime(operation.refreshTokenValidUntil) : null,
  };
}

export function authStatus(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string) {
  const operation = authOperationsTable(ctx.store).get(referenceNumber);
  // Another operation's status is not visible with this token: same answer as for an unknown one.
  if (!operation || operation.referenceNumber !== auth.operation.referenceNumber) {
    throw new KsefError(21304, 'Brak uwierzytelnienia.', [
      `Operacja uwierzytelnienia ${referenceNumber} nie istnieje.`,
    ]);
  }
  if (ctx.clock.now() > operation.startDate + AUTH_STATUS_RETENTION_MS) throw new GoneError();
  return operationView(ctx, operation);
}

/** Current permissions of the authenticated subject (token auth: the token's permission set, if still active). */
function currentPermissions(ctx: SimulatorContext, operation: AuthOperationRecord): Permission[] {
  if (operation.ksefTokenReferenceNumber) {
    const token = ksefTokensTable(ctx.store).get(operation.ksefTokenReferenceNumber);
    return token?.status === 'Active' ? token.permissions : [];
  }
  return operation.subject ? resolvePermissions(ctx.store, operation.subject, operation.context) : [];
}

function ensureUsable(ctx: SimulatorContext, operation: AuthOperationRecord): void {
  if (operation.subject?.type === 'Pesel' && personLinksTable(ctx.store).get(operation.subject.value)?.isDeceased) {
    throw new KsefError(21308, 'Próba wykorzystania metod autoryzacyjnych osoby zmarłej.');
  }
  if (operation.ksefTokenReferenceNumber) {
    const token = ksefTokensTable(ctx.store).get(operation.ksefTokenReferenceNumber);
    if (token?.status !== 'Active')
      throw new KsefError(21301, 'Brak autoryzacji.', ['Token KSeF został unieważniony.']);
  }
}

export function redeem(ctx: SimulatorContext, auth: RequestAuth) {
  const operation = auth.operation;
  const status = visibleAuthStatus(operation, ctx.clock.now());
  if (operation.isTokenRedeemed) throw new KsefError(21301, 'Brak autoryzacji.', ['Tokeny zostały już pobrane.']);
  if (status.code !== 200) {
    throw new KsefError(21301, 'Brak autoryzacji.', [
      `Status uwierzytelniania (${status.code}) nie pozwala na pobranie tokenów.`,
    ]);
  }
  ensureUsable(ctx, operation);
  operation.isTokenRedeemed = true;
  const access = ctx.tokens.accessToken(operation);
  const refresh = ctx.tokens.refreshToken(operation);
  operation.refreshTokenValidUntil = refresh.validUntil;
  return {
    accessToken: { token: access.token, validUntil: isoDateTime(access.validUntil) },
    refreshToken: { token: refresh.token, validUntil: isoDateTime(refresh.validUntil) },
  };
}

export function refresh(ctx: SimulatorContext, auth: RequestAuth) {
  const operation = auth.operation;
  if (operation.revoked)
    throw new KsefError(21301, 'Brak autoryzacji.', ['Sesja uwierzytelnienia została unieważniona.']);
  ensureUsable(ctx, operation);
  operation.permissions = currentPermissions(ctx, operation);
  operation.lastTokenRefreshDate = ctx.clock.now();
  const access = ctx.tokens.accessToken(operation);
  return { accessToken: { token: access.token, validUntil: isoDateTime(access.validUntil) } };
}

export function listAuthSessions(ctx: SimulatorContext, auth: RequestAuth, offset: number, pageSize: number) {
  const key = auth.contextKey;
  const now = ctx.clock.now();
  const sessions = [...authOperationsTable(ctx.store).values()]
    .filter((op) => contextKey(op.context) === key && !op.revoked && visibleAuthStatus(op, now).code === 200)
    .sort((a, b) => b.startDate - a.startDate);
  const slice = sessions.slice(offset, offset + pageSize);
  return {
    continuationToken:
      offset + pageSize < sessions.length ? Buffer.from(`o${offset + pageSize}`).toString('base64url') : null,
    items: slice.map((op) => ({
      referenceNumber: op.referenceNumber,
      ...operationView(ctx, op),
      isCurrent: op.referenceNumber === auth.operation.referenceNumber,
    })),
  };
}

export function revokeAuthSession(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string | null): void {
  const operation = referenceNumber ? authOperationsTable(ctx.store).get(referenceNumber) : auth.operation;
  if (!operation || contextKey(operation.context) !== auth.contextKey) {
    throw new KsefError(21304, 'Brak uwierzytelnienia.', [
      `Sesja uwierzytelnienia ${referenceNumber ?? ''} nie istnieje.`,
    ]);
  }
  operation.revoked = true;
}

export function isSameContext(a: ContextIdentifier, b: ContextIdentifier): boolean {
  return a.type === b.type && a.value === b.value;
}
