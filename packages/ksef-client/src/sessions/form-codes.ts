import { type FormCode } from '../generated/ksef-api.models';

/** Form codes accepted at session open (note the space in `systemCode`). */
export const FORM_CODES = {
  FA3: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
  FA2: { systemCode: 'FA (2)', schemaVersion: '1-0E', value: 'FA' },
  PEF3: { systemCode: 'PEF (3)', schemaVersion: '2-1', value: 'PEF' },
  PEF_KOR3: { systemCode: 'PEF_KOR (3)', schemaVersion: '2-1', value: 'PEF' },
  FA_RR1: { systemCode: 'FA_RR (1)', schemaVersion: '1-1E', value: 'FA_RR' },
} as const satisfies Record<string, FormCode>;
