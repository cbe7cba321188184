import { isoDateTime } from '../core/dates';
import type { RequestAuth } from '../core/request-auth';
import { contextKey, type ContextIdentifier, type SubjectIdentifier } from '../domain/identifiers';
import { entityAuthorizationsTable, grantDetailsTable, type GrantDetailsRecord } from '../domain/permission-grants';
import { grantsTable, type Permission, type PermissionGrantRecord } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';

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
