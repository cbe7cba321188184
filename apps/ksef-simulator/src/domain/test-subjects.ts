import type { SimulatorStore } from '../core/store';

export type TestSubjectType = 'EnforcementAuthority' | 'VatGroup' | 'JST';

/** An entity created with `POST /testdata/subject` (VAT group, local government unit, enforcement authority). */
export interface TestSubjectRecord {
  nip: string;
  subjectType: TestSubjectType;
  description: string;
  /** Members of a VAT group / units of a JST. */
  subunits: { nip: string; description: string }[];
  createdDate: number;
}

/** Keyed by NIP. */
export const testSubjectsTable = (store: SimulatorStore) => store.table<TestSubjectRecord>('testSubjects');
