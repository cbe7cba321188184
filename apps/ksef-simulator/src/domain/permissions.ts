import type { SimulatorStore } from '../core/store';
import { contextKey, type ContextIdentifier, type SubjectIdentifier } from './identifiers';

export const PERMISSIONS = [
  'InvoiceWrite',
  'InvoiceRead',
  'CredentialsManage',
  'CredentialsRead',
  'Introspection',
  'SubunitManage',
  'EnforcementOperations',
  'VatUeManage',
  'PefInvoiceWrite',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The owner of a NIP context has everything except VatUeManage (and PefInvoiceWrite, a provider right). */
export const OWNER_PERMISSIONS: Permission[] = [
  'InvoiceWrite',
  'InvoiceRead',
  'CredentialsManage',
  'CredentialsRead',
  'Introspection',
  'SubunitManage',
  'EnforcementOperations',
];

/** A direct grant of one permission to one subject in one context (ZAW-FA, /permissions grants, testdata). */
export interface PermissionGrantRecord {
  id: string;
  contextKey: string;
  subject: SubjectIdentifier;
  permission: Permission;
  description: string;
  grantedAt: number;
}

/** PESEL -> NIP link that makes a person the owner of the NIP (`/testdata/person`). */
export interface PersonLinkRecord {
  nip: string;
  pesel: string;
  isBailiff: boolean;
  isDeceased: boolean;
  description: string;
}

export const grantsTable = (store: SimulatorStore) => store.table<PermissionGrantRecord>('permissionGrants');
/** Keyed by PESEL. */
export const personLinksTable = (store: SimulatorStore) => store.table<PersonLinkRecord>('personLinks');

/** What a subject may do in a context right now: ownership (NIP or linked PESEL) plus direct grants. */
export function resolvePermissions(
  store: SimulatorStore,
  subject: SubjectIdentifier,
  context: ContextIdentifier,
): Permission[] {
  const result = new Set<Permission>();
  if (context.type === 'Nip') {
    if (subject.type === 'Nip' && subject.value === context.value) OWNER_PERMISSIONS.forEach((p) => result.add(p));
    if (subject.type === 'Pesel') {
      const link = personLinksTable(store).get(subject.value);
      if (link?.nip === context.value) OWNER_PERMISSIONS.forEach((p) => result.add(p));
    }
  }
  const key = contextKey(context);
  for (const grant of grantsTable(store).values()) {
    if (grant.contextKey === key && grant.subject.type === subject.type && grant.subject.value === subject.value) {
      result.add(grant.permission);
    }
  }
  return [...result];
}
