import type { SimulatorStore } from '../core/store';
import type { SubjectIdentifier, SubjectIdentifierType } from './identifiers';

export interface SubjectCertificateLimits {
  maxEnrollments: number;
  maxCertificates: number;
}

/** Certificate application / active certificate limits per subject type (SPEC-NOTES §6). */
export const DEFAULT_SUBJECT_LIMITS: Record<SubjectIdentifierType, SubjectCertificateLimits> = {
  Nip: { maxEnrollments: 300, maxCertificates: 100 },
  Pesel: { maxEnrollments: 12, maxCertificates: 6 },
  Fingerprint: { maxEnrollments: 12, maxCertificates: 6 },
};

/** Overrides from `POST /testdata/limits/subject/certificate`, keyed by `${type}:${value}` of the subject. */
export const subjectLimitsTable = (store: SimulatorStore) =>
  store.table<Partial<SubjectCertificateLimits>>('subjectCertificateLimits');

export const subjectKey = (subject: SubjectIdentifier): string => `${subject.type}:${subject.value}`;

export function subjectLimitsFor(store: SimulatorStore, subject: SubjectIdentifier): SubjectCertificateLimits {
  return { ...DEFAULT_SUBJECT_LIMITS[subject.type], ...subjectLimitsTable(store).get(subjectKey(subject)) };
}
