import { randomUUID } from 'node:crypto';
import { KsefError } from '../core/errors';
import { blockedContextsTable } from '../domain/challenge';
import { contextKey, type ContextIdentifier, type SubjectIdentifier } from '../domain/identifiers';
import { attachmentConsentTable } from '../domain/limits';
import { grantsTable, personLinksTable, type Permission } from '../domain/permissions';
import { testSubjectsTable, type TestSubjectType } from '../domain/test-subjects';
import type { SimulatorContext } from '../simulator-context';

export interface SubjectCreateBody {
  subjectNip: string;
  subjectType: TestSubjectType;
  subunits?: { subjectNip: string; description: string }[] | null;
  description: string;
  createdDate?: string | null;
}

export interface PersonCreateBody {
  nip: string;
  pesel: string;
  isBailiff: boolean;
  description: string;
  isDeceased?: boolean;
  createdDate?: string | null;
}

export interface TestPermissionsBody {
  contextIdentifier: ContextIdentifier;
  authorizedIdentifier: SubjectIdentifier;
  permissions?: { permissionType: Permission; description: string }[];
}

function alreadyExists(detail: string): KsefError {
  return new KsefError(30001, 'Podmiot lub uprawnienie już istnieje.', [detail]);
}

/** `createdDate` of a repeated creation must be strictly later than the previous one. */
function creationDate(ctx: SimulatorContext, value: string | null | undefined): number {
  return value ? Date.parse(value) : ctx.clock.now();
}

export function createSubject(ctx: SimulatorContext, body: SubjectCreateBody): void {
  const subjects = testSubjectsTable(ctx.store);
  const createdDate = creationDate(ctx, body.createdDate);
  const existing = subjects.get(body.subjectNip);
  if (existing && (!body.createdDate || createdDate <= existing.createdDate))
    throw alreadyExists(`Podmiot ${body.subjectNip} już istnieje.`);
  subjects.set(body.subjectNip, {
    nip: body.subjectNip,
    subjectType: body.subjectType,
    description: body.description,
    subunits: (body.subunits ?? []).map((s) => ({ nip: s.subjectNip, description: s.description })),
    createdDate,
  });
}

export function removeSubject(ctx: SimulatorContext, nip: string): void {
  testSubjectsTable(ctx.store).delete(nip);
}

/** The person becomes the owner of `nip` (login by PESEL or NIP); a bailiff also gets EnforcementOperations. */
export function createPerson(ctx: SimulatorContext, body: PersonCreateBody): void {
  const links = personLinksTable(ctx.store);
  if (links.get(body.pesel)?.nip === body.nip && !body.createdDate) {
    throw alreadyExists(`Osoba ${body.pesel} jest już powiązana z NIP ${body.nip}.`);
  }
  links.set(body.pesel, {
    nip: body.nip,
    pesel: body.pesel,
    isBailiff: body.isBailiff,
    isDeceased: body.isDeceased ?? false,
    description: body.description,
  });
  if (body.isBailiff) {
    addGrant(
      ctx,
      { type: 'Nip', value: body.nip },
      { type: 'Pesel', value: body.pesel },
      'EnforcementOperations',
      body.description,
    );
  }
}

export function removePerson(ctx: SimulatorContext, nip: string): void {
  const links = personLinksTable(ctx.store);
  const pesels = [...links.values()].filter((l) => l.nip === nip).map((l) => l.pesel);
  for (const pesel of pesels) links.delete(pesel);
  const grants = grantsTable(ctx.store);
  for (const [id, grant] of grants) {
    if (grant.subject.type === 'Pesel' && pesels.includes(grant.subject.value)) grants.delete(id);
  }
}

function addGrant(
  ctx: SimulatorContext,
  context: ContextIdentifier,
  subject: SubjectIdentifier,
  permission: Permission,
  description: string,
): boolean {
  const key = contextKey(context);
  const grants = grantsTable(ctx.store);
  for (const grant of grants.values()) {
    if (
      grant.contextKey === key &&
      grant.permission === permission &&
      grant.subject.type === subject.type &&
      grant.subject.value === subject.value
    ) {
      return false;
    }
  }
  const id = randomUUID();
  grants.set(id, { id, contextKey: key, subject: { ...subject }, permission, description, grantedAt: ctx.clock.now() });
  return true;
}

/** Simulates a paper (ZAW-FA) grant; 30001 when every permission is already there. */
export function grantTestPermissions(ctx: SimulatorContext, body: TestPermissionsBody): void {
  const added = (body.permissions ?? []).map((p) =>
    addGrant(ctx, body.contextIdentifier, body.authorizedIdentifier, p.permissionType, p.description),
  );
  if (added.length > 0 && !added.some(Boolean)) throw alreadyExists('Wskazane uprawnienia zostały już nadane.');
}

export function revokeTestPermissions(ctx: SimulatorContext, body: TestPermissionsBody): void {
  const key = contextKey(body.contextIdentifier);
  const grants = grantsTable(ctx.store);
  for (const [id, grant] of grants) {
    const who = body.authorizedIdentifier;
    if (grant.contextKey === key && grant.subject.type === who.type && grant.subject.value === who.value)
      grants.delete(id);
  }
}

export function allowAttachments(ctx: SimulatorContext, nip: string): void {
  attachmentConsentTable(ctx.store).set(nip, { allowed: true, revokedDate: null });
}

/** Withdraws the consent now, or from `expectedEndDate` (a YYYY-MM-DD day) when given. */
export function revokeAttachments(
  ctx: SimulatorContext,
  nip: string,
  expectedEndDate: string | null | undefined,
): void {
  const end = expectedEndDate ? Date.parse(`${expectedEndDate}T00:00:00Z`) : ctx.clock.now();
  attachmentConsentTable(ctx.store).set(nip, { allowed: end > ctx.clock.now(), revokedDate: end });
}

export function setContextBlocked(
  ctx: SimulatorContext,
  context: ContextIdentifier | null | undefined,
  blocked: boolean,
): void {
  if (!context) return;
  if (blocked) blockedContextsTable(ctx.store).set(contextKey(context), true);
  else blockedContextsTable(ctx.store).delete(contextKey(context));
}
