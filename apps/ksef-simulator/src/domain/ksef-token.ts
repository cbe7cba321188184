import { createHash } from 'node:crypto';
import type { SimulatorStore } from '../core/store';
import type { ContextIdentifier, SubjectIdentifier } from './identifiers';
import type { Permission } from './permissions';

export type KsefTokenStatus = 'Pending' | 'Active' | 'Revoking' | 'Revoked' | 'Failed';

/** A long-lived KSeF token (`POST /tokens`, `/sim/contexts`). The secret itself is kept only as a hash. */
export interface KsefTokenRecord {
  referenceNumber: string;
  /** SHA-256 hex of the full token string, the lookup key at `/auth/ksef-token`. */
  tokenHash: string;
  context: ContextIdentifier;
  author: SubjectIdentifier;
  description: string;
  permissions: Permission[];
  status: KsefTokenStatus;
  dateCreated: number;
  lastUseDate: number | null;
  /** Kept only for tokens minted by `/sim/contexts`, so that endpoint can return the same token again. */
  plainToken: string | null;
}

export const ksefTokensTable = (store: SimulatorStore) => store.table<KsefTokenRecord>('ksefTokens');
/** tokenHash -> referenceNumber. */
export const ksefTokenIndex = (store: SimulatorStore) => store.table<string>('ksefTokenByHash');

export function hashKsefToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function saveKsefToken(store: SimulatorStore, record: KsefTokenRecord): void {
  ksefTokensTable(store).set(record.referenceNumber, record);
  ksefTokenIndex(store).set(record.tokenHash, record.referenceNumber);
}

export function findKsefToken(store: SimulatorStore, token: string): KsefTokenRecord | undefined {
  const ref = ksefTokenIndex(store).get(hashKsefToken(token));
  return ref ? ksefTokensTable(store).get(ref) : undefined;
}
