import type { SimulatorStore } from '../core/store';
import type { StatusInfo } from './auth-operation';
import type { SubjectIdentifier } from './identifiers';

export type KsefCertificateType = 'Authentication' | 'Offline';
export type KsefCertificateStatus = 'Active' | 'Blocked' | 'Revoked';

/** A certificate issued by the simulator CA (`POST /certificates/enrollments`). Keyed by serial number. */
export interface KsefCertificateRecord {
  serialNumber: string;
  name: string;
  type: KsefCertificateType;
  der: Buffer;
  commonName: string;
  subject: SubjectIdentifier;
  /** SHA-256 hex of the SubjectPublicKeyInfo: one key may be certified for one subject only. */
  publicKeyHash: string;
  validFrom: number;
  validTo: number;
  requestDate: number;
  status: KsefCertificateStatus;
  revocationReason: string | null;
  lastUseDate: number | null;
}

export interface CertificateEnrollmentRecord {
  referenceNumber: string;
  subject: SubjectIdentifier;
  requestDate: number;
  status: StatusInfo;
  certificateSerialNumber: string | null;
}

/** The simulator's issuing CA (ECDSA P-256), created on first enrollment. */
export interface CertificateAuthorityRecord {
  pkcs8: Buffer;
  certificateDer: Buffer;
}

export const ksefCertificatesTable = (store: SimulatorStore) => store.table<KsefCertificateRecord>('ksefCertificates');
export const certificateEnrollmentsTable = (store: SimulatorStore) =>
  store.table<CertificateEnrollmentRecord>('certificateEnrollments');
export const certificateAuthorityTable = (store: SimulatorStore) =>
  store.table<CertificateAuthorityRecord>('certificateAuthority');

export const ENROLLMENT_STATUS = {
  accepted: { code: 100, description: 'Wniosek przyjęty do realizacji' },
  issued: { code: 200, description: 'Wniosek obsłużony (certyfikat wygenerowany)' },
  rejected: { code: 400, description: 'Wniosek odrzucony' },
} as const;

/** Enrollment statuses are kept 30 days, then 410. */
export const ENROLLMENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
