import type { SimulatorStore } from '../core/store';

export interface ChallengeRecord {
  challenge: string;
  timestampMs: number;
  expiresAt: number;
  used: boolean;
  clientIp: string;
}

export const challengesTable = (store: SimulatorStore) => store.table<ChallengeRecord>('challenges');
/** `contextKey` -> true: authentication in the context ends with 480 (`/testdata/context/block`). */
export const blockedContextsTable = (store: SimulatorStore) => store.table<boolean>('blockedContexts');

export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;
