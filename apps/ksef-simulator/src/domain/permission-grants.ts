import type { SimulatorStore } from '../core/store';
import type { StatusInfo } from './auth-operation';
import type { SubjectIdentifier } from './identifiers';

export type GrantKind =
  'person' | 'entity' | 'indirect' | 'subunit' | 'euEntityAdministration' | 'euEntity' | 'testdata';

/**
 * What `/permissions/*` grants add on top of the core grant record (`grantsTable`, same id): who granted it,
 * how, and the subject details the queries return.
 */
export interface GrantDetailsRecord {
  id: string;
  kind: GrantKind;
  /** null = granted by the system (ZAW-FA / test data). */
  author: SubjectIdentifier | null;
  canDelegate: boolean;
  subjectPersonDetails: { firstName: string; lastName: string } | null;
  subjectEntityName: string | null;
  target: { type: 'Nip' | 'AllPartners' | 'InternalId'; value: string | null } | null;
  subunitName: string | null;
  euEntityName: string | null;
}

/** Entity-level authorisations (SelfInvoicing, RRInvoicing, TaxRepresentative, PefInvoicing). */
export interface EntityAuthorizationRecord {
  id: string;
  authorizingNip: string;
  authorizedIdentifier: { type: 'Nip' | 'PeppolId'; value: string };
  scope: 'SelfInvoicing' | 'RRInvoicing' | 'TaxRepresentative' | 'PefInvoicing';
  description: string;
  entityName: string;
  author: SubjectIdentifier | null;
  startDate: number;
}

export interface PermissionOperationRecord {
  referenceNumber: string;
  contextKey: string;
  createdAt: number;
  status: StatusInfo;
  readyAt: number;
}

export const grantDetailsTable = (store: SimulatorStore) => store.table<GrantDetailsRecord>('permissionGrantDetails');
export const entityAuthorizationsTable = (store: SimulatorStore) =>
  store.table<EntityAuthorizationRecord>('entityAuthorizations');
export const permissionOperationsTable = (store: SimulatorStore) =>
  store.table<PermissionOperationRecord>('permissionOperations');

export const PERMISSION_OPERATION_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
