import type { SimulatorStore } from '../core/store';
import type { ContextIdentifier, SubjectIdentifier } from './identifiers';
import type { Permission } from './permissions';

export type AuthenticationMethodCategory = 'XadesSignature' | 'NationalNode' | 'Token' | 'Other';

/** Deprecated enum still required in responses. */
export type AuthenticationMethod =
  | 'Token'
  | 'TrustedProfile'
  | 'InternalCertificate'
  | 'QualifiedSignature'
  | 'QualifiedSeal'
  | 'PersonalSignature'
  | 'PeppolSignature';

export interface StatusInfo {
  code: number;
  description: string;
  details?: string[];
}

export interface AllowedIpsPolicy {
  ip4Addresses?: string[] | null;
  ip4Ranges?: string[] | null;
  ip4Masks?: string[] | null;
}

/** One authentication (`/auth/ksef-token` or `/auth/xades-signature`) and the tokens issued from it. */
export interface AuthOperationRecord {
  referenceNumber: string;
  startDate: number;
  context: ContextIdentifier;
  subject: SubjectIdentifier | null;
  method: AuthenticationMethod;
  methodInfo: { category: AuthenticationMethodCategory; code: string; displayName: string };
  /** Final status; reported as 100 until `readyAt`. */
  status: StatusInfo;
  readyAt: number;
  permissions: Permission[];
  /** Set for token authentication (UPO proof, revocation of the token). */
  ksefTokenReferenceNumber: string | null;
  /** Base64 SHA-256 of the signed AuthTokenRequest as received (UPO proof for XAdES). */
  authDocumentHash: string | null;
  allowedIps: AllowedIpsPolicy | null;
  isTokenRedeemed: boolean;
  lastTokenRefreshDate: number | null;
  refreshTokenValidUntil: number | null;
  revoked: boolean;
}

export const authOperationsTable = (store: SimulatorStore) => store.table<AuthOperationRecord>('authOperations');

export const AUTH_STATUS = {
  inProgress: { code: 100, description: 'Uwierzytelnianie w toku' },
  success: { code: 200, description: 'Uwierzytelnianie zakończone sukcesem' },
  noPermissions: {
    code: 415,
    description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu braku przypisanych uprawnień',
  },
  revoked: { code: 425, description: 'Uwierzytelnienie unieważnione' },
  invalidToken: { code: 450, description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędnego tokenu' },
  invalidCertificate: {
    code: 460,
    description: 'Uwierzytelnianie zakończone niepowodzeniem z powodu błędu certyfikatu',
  },
  deceased: { code: 470, description: 'Uwierzytelnianie zakończone niepowodzeniem' },
  blocked: { code: 480, description: 'Uwierzytelnienie zablokowane' },
} as const;

/** Status as a client sees it now (100 while "processing", 425 once revoked). */
export function visibleAuthStatus(operation: AuthOperationRecord, now: number): StatusInfo {
  if (operation.revoked) return AUTH_STATUS.revoked;
  if (now < operation.readyAt) return AUTH_STATUS.inProgress;
  return operation.status;
}
