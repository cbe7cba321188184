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
import { grantsTable, type Permission, type PermissionGrantRecord } from '../domain/permissions';
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

function paged<T>(items: T[], pageOffset: number, pageSize: number) {
  const start = pageOffset * pageSize;
  return { items: items.slice(start, start + pageSize), hasMore: start + pageSize < items.length };
}

function withDetails(
  ctx: SimulatorContext,
  filter: (g: PermissionGrantRecord, d: GrantDetailsRecord | undefined) => boolean,
) {
  const details = grantDetailsTable(ctx.store);
  return [...grantsTable(ctx.store).values()]
    .map((g) => ({ grant: g, details: details.get(g.id) }))
    .filter(({ grant: g, details: d }) => filter(g, d))
    .sort((a, b) => b.grant.grantedAt - a.grant.grantedAt || (a.grant.id < b.grant.id ? -1 : 1));
}

function parseContextKey(key: string): ContextIdentifier {
  const separator = key.indexOf(':');
  return { type: key.slice(0, separator) as ContextIdentifier['type'], value: key.slice(separator + 1) };
}

const authorOf = (d: GrantDetailsRecord | undefined) =>
  d?.author ? { type: d.author.type, value: d.author.value } : { type: 'System' as const, value: null };

function personDetails(d: GrantDetailsRecord | undefined) {
  return d?.subjectPersonDetails
    ? { subjectDetailsType: 'PersonByIdentifier' as const, ...d.subjectPersonDetails }
    : null;
}

interface PersonsQuery {
  queryType: 'PermissionsInCurrentContext' | 'PermissionsGrantedInCurrentContext';
  authorIdentifier?: { type: string; value?: string | null } | null;
  authorizedIdentifier?: SubjectIdentifier | null;
  permissionTypes?: Permission[] | null;
  permissionState?: 'Active' | 'Inactive' | null;
}

const PERSON_SCOPES = new Set<string>([
  'CredentialsManage',
  'CredentialsRead',
  'InvoiceWrite',
  'InvoiceRead',
  'Introspection',
  'SubunitManage',
  'EnforcementOperations',
]);

/** POST /permissions/query/persons/grants: grants to persons in (or made from) the current context. Owner rights are never listed. */
export function queryPersons(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: PersonsQuery,
  pageOffset: number,
  pageSize: number,
) {
  if (body.permissionState === 'Inactive') return { permissions: [], hasMore: false };
  const me = auth.operation.subject;
  const found = withDetails(ctx, (g, d) => {
    if (!PERSON_SCOPES.has(g.permission) || d?.kind === 'entity') return false;
    if (body.queryType === 'PermissionsInCurrentContext' && g.contextKey !== auth.contextKey) return false;
    if (body.queryType === 'PermissionsGrantedInCurrentContext' && !(d?.author && me && d.author.value === me.value))
      return false;
    if (
      body.authorizedIdentifier &&
      (g.subject.type !== body.authorizedIdentifier.type || g.subject.value !== body.authorizedIdentifier.value)
    )
      return false;
    if (body.authorIdentifier?.value && authorOf(d).value !== body.authorIdentifier.value) return false;
    if (body.permissionTypes?.length && !body.permissionTypes.includes(g.permission)) return false;
    return true;
  });
  const page = paged(found, pageOffset, pageSize);
  return {
    permissions: page.items.map(({ grant: g, details: d }) => ({
      id: g.id,
      authorizedIdentifier: g.subject,
      contextIdentifier: parseContextKey(g.contextKey),
      targetIdentifier: d?.target ?? null,
      authorIdentifier: authorOf(d),
      permissionScope: g.permission,
      description: g.description,
      subjectPersonDetails: personDetails(d),
      permissionState: 'Active',
      startDate: isoDateTime(g.grantedAt),
      canDelegate: d?.canDelegate ?? false,
    })),
    hasMore: page.hasMore,
  };
}

/** POST /permissions/query/personal/grants: what the caller itself was granted, in any context. */
export function queryPersonal(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: {
    contextIdentifier?: ContextIdentifier | null;
    permissionTypes?: string[] | null;
    permissionState?: string | null;
  },
  pageOffset: number,
  pageSize: number,
) {
  const me = auth.operation.subject;
  if (!me || body.permissionState === 'Inactive') return { permissions: [], hasMore: false };
  const found = withDetails(ctx, (g) => {
    if (g.subject.type !== me.type || g.subject.value !== me.value) return false;
    if (body.contextIdentifier && g.contextKey !== contextKey(body.contextIdentifier)) return false;
    if (body.permissionTypes?.length && !body.permissionTypes.includes(g.permission)) return false;
    return true;
  });
  const page = paged(found, pageOffset, pageSize);
  return {
    permissions: page.items.map(({ grant: g, details: d }) => ({
      id: g.id,
      contextIdentifier: parseContextKey(g.contextKey),
      authorizedIdentifier: g.subject,
      targetIdentifier: d?.target ?? null,
      permissionScope: g.permission,
      description: g.description,
      subjectPersonDetails: personDetails(d),
      permissionState: 'Active',
      startDate: isoDateTime(g.grantedAt),
      canDelegate: d?.canDelegate ?? false,
    })),
    hasMore: page.hasMore,
  };
}

/** POST /permissions/query/entities/grants: InvoiceWrite/InvoiceRead the current entity (NIP) holds in other contexts. */
export function queryEntities(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: { contextIdentifier?: ContextIdentifier | null },
  pageOffset: number,
  pageSize: number,
) {
  const nip = auth.context.type === 'Nip' ? auth.context.value : null;
  const found = withDetails(
    ctx,
    (g, d) =>
      d?.kind === 'entity' &&
      g.subject.type === 'Nip' &&
      g.subject.value === nip &&
      (!body.contextIdentifier || g.contextKey === contextKey(body.contextIdentifier)),
  );
  const page = paged(found, pageOffset, pageSize);
  return {
    permissions: page.items.map(({ grant: g, details: d }) => ({
      id: g.id,
      contextIdentifier: parseContextKey(g.contextKey),
      permissionScope: g.permission,
      description: g.description,
      startDate: isoDateTime(g.grantedAt),
      canDelegate: d?.canDelegate ?? false,
    })),
    hasMore: page.hasMore,
  };
}

export function querySubunits(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: { subunitIdentifier?: ContextIdentifier | null },
  pageOffset: number,
  pageSize: number,
) {
  const me = auth.operation.subject;
  const found = withDetails(
    ctx,
    (g, d) =>
      d?.kind === 'subunit' &&
      d.author?.value === me?.value &&
      (!body.subunitIdentifier || g.contextKey === contextKey(body.subunitIdentifier)),
  );
  const page = paged(found, pageOffset, pageSize);
  return {
    permissions: page.items.map(({ grant: g, details: d }) => ({
      id: g.id,
      authorizedIdentifier: g.subject,
      subunitIdentifier: parseContextKey(g.contextKey),
      authorIdentifier: d?.author ?? { type: 'Nip', value: auth.context.value },
      permissionScope: 'CredentialsManage',
      description: g.description,
      subjectPersonDetails: personDetails(d),
      subunitName: d?.subunitName ?? null,
      startDate: isoDateTime(g.grantedAt),
    })),
    hasMore: page.hasMore,
  };
}

export function queryAuthorizations(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: {
    queryType: 'Granted' | 'Received';
    authorizingIdentifier?: { value: string } | null;
    authorizedIdentifier?: { type: string; value: string } | null;
    permissionTypes?: string[] | null;
  },
  pageOffset: number,
  pageSize: number,
) {
  const me = auth.context.value;
  const found = [...entityAuthorizationsTable(ctx.store).values()]
    .filter((a) => (body.queryType === 'Granted' ? a.authorizingNip === me : a.authorizedIdentifier.value === me))
    .filter((a) => !body.authorizingIdentifier || a.authorizingNip === body.authorizingIdentifier.value)
    .filter((a) => !body.authorizedIdentifier || a.authorizedIdentifier.value === body.authorizedIdentifier.value)
    .filter((a) => !body.permissionTypes?.length || body.permissionTypes.includes(a.scope))
    .sort((a, b) => b.startDate - a.startDate);
  const page = paged(found, pageOffset, pageSize);
  return {
    authorizationGrants: page.items.map((a) => ({
      id: a.id,
      authorIdentifier: a.author,
      authorizedEntityIdentifier: a.authorizedIdentifier,
      authorizingEntityIdentifier: { type: 'Nip', value: a.authorizingNip },
      authorizationScope: a.scope,
      description: a.description,
      subjectEntityDetails: { subjectDetailsType: 'EntityByIdentifier', fullName: a.entityName },
      startDate: isoDateTime(a.startDate),
    })),
    hasMore: page.hasMore,
  };
}

export function queryEuEntities(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: {
    vatUeIdentifier?: string | null;
    authorizedFingerprintIdentifier?: string | null;
    permissionTypes?: string[] | null;
  },
  pageOffset: number,
  pageSize: number,
) {
  const found = withDetails(ctx, (g, d) => {
    if (d?.kind !== 'euEntity' && d?.kind !== 'euEntityAdministration') return false;
    const context = parseContextKey(g.contextKey);
    const nip = context.value.split('-')[0];
    if (g.contextKey !== auth.contextKey && nip !== auth.context.value) return false;
    if (body.vatUeIdentifier && !context.value.endsWith(body.vatUeIdentifier)) return false;
    if (body.authorizedFingerprintIdentifier && g.subject.value !== body.authorizedFingerprintIdentifier) return false;
    if (body.permissionTypes?.length && !body.permissionTypes.includes(g.permission)) return false;
    return true;
  });
  const page = paged(found, pageOffset, pageSize);
  return {
    permissions: page.items.map(({ grant: g, details: d }) => ({
      id: g.id,
      authorIdentifier: d?.author ?? { type: 'Nip', value: auth.context.value },
      vatUeIdentifier: parseContextKey(g.contextKey).value.split('-').slice(1).join('-'),
      euEntityName: d?.euEntityName ?? '',
      authorizedFingerprintIdentifier: g.subject.value,
      permissionScope: g.permission,
      description: g.description,
      startDate: isoDateTime(g.grantedAt),
    })),
    hasMore: page.hasMore,
  };
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
