import { randomUUID } from 'node:crypto';
import { isoDateTime } from '../core/dates';
import { GoneError, KsefError, validationError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import type { RequestAuth } from '../core/request-auth';
import { contextKey, type ContextIdentifier, type SubjectIdentifier } from '../domain/identifiers';
import { attachmentConsentTable } from '../domain/limits';
import {
  entityAuthorizationsTable,
  grantDetailsTable,
  PERMISSION_OPERATION_RETENTION_MS,
  permissionOperationsTable,
  type EntityAuthorizationRecord,
  type GrantDetailsRecord,
  type GrantKind,
} from '../domain/permission-grants';
import { grantsTable, type Permission } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';

const OPERATION_DONE = { code: 200, description: 'Operacja zakończona sukcesem' };
const OPERATION_ACCEPTED = { code: 100, description: 'Operacja przyjęta do realizacji' };

export interface PersonDetailsBody {
  personById?: { firstName: string; lastName: string } | null;
  personByFpWithId?: { firstName: string; lastName: string } | null;
  personByFpNoId?: { firstName: string; lastName: string } | null;
  entityByFp?: { fullName: string } | null;
}

export interface GrantInput {
  kind: GrantKind;
  context: ContextIdentifier;
  subject: SubjectIdentifier;
  permissions: { permission: Permission; canDelegate: boolean }[];
  description: string;
  subjectDetails?: PersonDetailsBody | null;
  entityName?: string | null;
  target?: GrantDetailsRecord['target'];
  subunitName?: string | null;
  euEntityName?: string | null;
}

/** Grants are asynchronous in KSeF: record an operation that reports 100 until the processing delay passes. */
function operation(ctx: SimulatorContext, auth: RequestAuth): { referenceNumber: string } {
  const now = ctx.clock.now();
  const referenceNumber = newReferenceNumber('EG', now);
  permissionOperationsTable(ctx.store).set(referenceNumber, {
    referenceNumber,
    contextKey: auth.contextKey,
    createdAt: now,
    status: OPERATION_DONE,
    readyAt: now + ctx.faults.processingDelayMs,
  });
  return { referenceNumber };
}

export function operationStatus(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string) {
  const op = permissionOperationsTable(ctx.store).get(referenceNumber);
  if (!op || op.contextKey !== auth.contextKey) {
    throw validationError(`Operacja o numerze referencyjnym ${referenceNumber} nie istnieje.`);
  }
  const now = ctx.clock.now();
  if (now > op.createdAt + PERMISSION_OPERATION_RETENTION_MS) throw new GoneError();
  return { status: now < op.readyAt ? OPERATION_ACCEPTED : op.status };
}

function personName(details: PersonDetailsBody | null | undefined) {
  const person = details?.personById ?? details?.personByFpWithId ?? details?.personByFpNoId ?? null;
  return person ? { firstName: person.firstName, lastName: person.lastName } : null;
}

/** Adds (idempotently) one core grant per permission plus its details; returns the operation reference. */
export function grant(ctx: SimulatorContext, auth: RequestAuth, input: GrantInput) {
  const key = contextKey(input.context);
  const grants = grantsTable(ctx.store);
  const details = grantDetailsTable(ctx.store);
  for (const { permission, canDelegate } of input.permissions) {
    const existing = [...grants.values()].find(
      (g) =>
        g.contextKey === key &&
        g.permission === permission &&
        g.subject.type === input.subject.type &&
        g.subject.value === input.subject.value,
    );
    if (existing) continue;
    const id = randomUUID();
    grants.set(id, {
      id,
      contextKey: key,
      subject: { ...input.subject },
      permission,
      description: input.description,
      grantedAt: ctx.clock.now(),
    });
    details.set(id, {
      id,
      kind: input.kind,
      author: auth.operation.subject ? { ...auth.operation.subject } : null,
      canDelegate,
      subjectPersonDetails: personName(input.subjectDetails),
      subjectEntityName: input.entityName ?? input.subjectDetails?.entityByFp?.fullName ?? null,
      target: input.target ?? null,
      subunitName: input.subunitName ?? null,
      euEntityName: input.euEntityName ?? null,
    });
  }
  return operation(ctx, auth);
}

export function grantAuthorization(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: {
    subjectIdentifier: EntityAuthorizationRecord['authorizedIdentifier'];
    permission: EntityAuthorizationRecord['scope'];
    description: string;
    subjectDetails: { fullName: string };
  },
) {
  const nip = requireNipContext(auth);
  const table = entityAuthorizationsTable(ctx.store);
  const exists = [...table.values()].some(
    (a) =>
      a.authorizingNip === nip &&
      a.scope === body.permission &&
      a.authorizedIdentifier.type === body.subjectIdentifier.type &&
      a.authorizedIdentifier.value === body.subjectIdentifier.value,
  );
  if (!exists) {
    const id = randomUUID();
    table.set(id, {
      id,
      authorizingNip: nip,
      authorizedIdentifier: { ...body.subjectIdentifier },
      scope: body.permission,
      description: body.description,
      entityName: body.subjectDetails.fullName,
      author: auth.operation.subject ? { ...auth.operation.subject } : null,
      startDate: ctx.clock.now(),
    });
  }
  return operation(ctx, auth);
}

function requireNipContext(auth: RequestAuth): string {
  if (auth.context.type !== 'Nip') {
    throw validationError(`Operacja wymaga kontekstu Nip (bieżący: ${auth.context.type}).`);
  }
  return auth.context.value;
}

/** DELETE /permissions/common/grants/{id}: only grants of the caller's context (or of its subunits) are revocable. */
export function revokeGrant(ctx: SimulatorContext, auth: RequestAuth, id: string) {
  const grants = grantsTable(ctx.store);
  const record = grants.get(id);
  const details = grantDetailsTable(ctx.store).get(id);
  const ownContext = record?.contextKey === auth.contextKey;
  const grantedHere = details?.kind === 'subunit' && details.author?.value === auth.operation.subject?.value;
  if (!record || !(ownContext || grantedHere)) {
    throw validationError(`Uprawnienie o identyfikatorze ${id} nie istnieje.`);
  }
  grants.delete(id);
  grantDetailsTable(ctx.store).delete(id);
  return operation(ctx, auth);
}

export function revokeAuthorization(ctx: SimulatorContext, auth: RequestAuth, id: string) {
  const table = entityAuthorizationsTable(ctx.store);
  const record = table.get(id);
  if (!record || record.authorizingNip !== auth.context.value) {
    throw validationError(`Uprawnienie o identyfikatorze ${id} nie istnieje.`);
  }
  table.delete(id);
  return operation(ctx, auth);
}

export function attachmentStatus(ctx: SimulatorContext, auth: RequestAuth) {
  const consent = attachmentConsentTable(ctx.store).get(auth.context.value);
  const now = ctx.clock.now();
  const allowed = Boolean(consent?.allowed) && (consent?.revokedDate === null || (consent?.revokedDate ?? 0) > now);
  return {
    isAttachmentAllowed: allowed,
    revokedDate: consent?.revokedDate ? isoDateTime(consent.revokedDate) : null,
  };
}

export function ensureContextType(auth: RequestAuth, types: ContextIdentifier['type'][]): void {
  if (!types.includes(auth.context.type)) {
    throw new KsefError(21405, 'Błąd walidacji danych wejściowych.', [
      `Operacja niedostępna w kontekście ${auth.context.type}.`,
    ]);
  }
}
