export type ContextIdentifierType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';

export interface ContextIdentifier {
  type: ContextIdentifierType;
  value: string;
}

/** Who authenticated: a NIP or PESEL from a certificate or token author, or a certificate fingerprint. */
export type SubjectIdentifierType = 'Nip' | 'Pesel' | 'Fingerprint';

export interface SubjectIdentifier {
  type: SubjectIdentifierType;
  value: string;
}

/** Stable map key of a context, e.g. `Nip:5265877635`; rate limits, stats and tables use it. */
export function contextKey(context: ContextIdentifier): string {
  return `${context.type}:${context.value}`;
}

export const NIP_PATTERN = /^[1-9]((\d[1-9])|([1-9]\d))\d{7}$/;
export const PESEL_PATTERN = /^\d{2}(?:0[1-9]|1[0-2]|2[1-9]|3[0-2]|4[1-9]|5[0-2]|6[1-9]|7[0-2]|8[1-9]|9[0-2])\d{7}$/;
