import { DOMParser } from '@xmldom/xmldom';

export type ContextIdentifierType = 'Nip' | 'InternalId' | 'NipVatUe' | 'PeppolId';

/** The entity on whose behalf the client acts. */
export interface ContextIdentifier {
  type: ContextIdentifierType;
  value: string;
}

export interface AllowedIps {
  ip4Addresses?: string[];
  ip4Ranges?: string[];
  ip4Masks?: string[];
}

export interface AuthTokenRequestInput {
  challenge: string;
  context: ContextIdentifier;
  subjectIdentifierType?: 'certificateSubject' | 'certificateFingerprint';
  allowedIps?: AllowedIps;
  /** Schema version; 2.1 only fixes IP regexes, both are accepted. Default 2.0. */
  version?: '2.0' | '2.1';
}

const NS = { '2.0': 'http://ksef.mf.gov.pl/auth/token/2.0', '2.1': 'http://ksef.mf.gov.pl/auth/token/2.1' };
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Builds the unsigned `AuthTokenRequest` XML for XAdES authentication (also for signing elsewhere). */
export function buildAuthTokenRequestXml(input: AuthTokenRequestInput): string {
  const ns = NS[input.version ?? '2.0'];
  const ips = input.allowedIps;
  const policy = ips
    ? `<AuthorizationPolicy><AllowedIps>${[
        ...(ips.ip4Addresses ?? []).map((v) => `<Ip4Address>${esc(v)}</Ip4Address>`),
        ...(ips.ip4Ranges ?? []).map((v) => `<Ip4Range>${esc(v)}</Ip4Range>`),
        ...(ips.ip4Masks ?? []).map((v) => `<Ip4Mask>${esc(v)}</Ip4Mask>`),
      ].join('')}</AllowedIps></AuthorizationPolicy>`
    : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<AuthTokenRequest xmlns="${ns}">` +
    `<Challenge>${esc(input.challenge)}</Challenge>` +
    `<ContextIdentifier><${input.context.type}>${esc(input.context.value)}</${input.context.type}></ContextIdentifier>` +
    `<SubjectIdentifierType>${input.subjectIdentifierType ?? 'certificateSubject'}</SubjectIdentifierType>` +
    policy +
    `</AuthTokenRequest>`
  );
}

/** Why an externally signed document was refused before it was sent to KSeF. */
export type ExternalSignatureProblem =
  'not-xml' | 'not-auth-request' | 'unsigned' | 'unsigned-original' | 'wrong-challenge';

export class ExternalSignatureError extends Error {
  override readonly name = 'ExternalSignatureError';
  constructor(
    readonly problem: ExternalSignatureProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks an AuthTokenRequest signed outside the client (e.g. by a trusted-profile service) before sending it:
 * it must be XML, an AuthTokenRequest for the expected challenge, and carry an XML signature.
 */
export function checkExternallySignedRequest(signed: Uint8Array | string, unsignedOriginal: string): void {
  const text = typeof signed === 'string' ? signed : Buffer.from(signed).toString('utf8');
  if (text.replace(/^\uFEFF/, '').trim() === unsignedOriginal.trim()) {
    throw new ExternalSignatureError(
      'unsigned-original',
      'Przesłany plik to niepodpisany oryginał żądania AuthTokenRequest. Podpisz go (XAdES) i prześlij podpisany plik.',
    );
  }
  const errors: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | undefined;
  try {
    doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(
      text,
      'text/xml',
    );
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  const root = doc?.documentElement;
  if (errors.length || !doc || !root) {
    throw new ExternalSignatureError('not-xml', 'Przesłany plik nie jest poprawnym dokumentem XML.');
  }
  if (root.localName !== 'AuthTokenRequest' && root.getElementsByTagNameNS('*', 'AuthTokenRequest').length === 0) {
    throw new ExternalSignatureError('not-auth-request', 'Przesłany plik nie zawiera żądania AuthTokenRequest.');
  }
  if (doc.getElementsByTagNameNS(XMLDSIG_NS, 'Signature').length === 0) {
    throw new ExternalSignatureError('unsigned', 'Przesłany plik nie jest podpisany (brak elementu ds:Signature).');
  }
  const expected = /<Challenge>([^<]+)<\/Challenge>/.exec(unsignedOriginal)?.[1];
  const challenges = doc.getElementsByTagNameNS('*', 'Challenge');
  const actual = challenges.length > 0 ? challenges.item(0)?.textContent?.trim() : undefined;
  if (expected && actual !== expected) {
    throw new ExternalSignatureError(
      'wrong-challenge',
      'Podpisany plik dotyczy innego wyzwania (Challenge) niż bieżące logowanie. Wygeneruj żądanie ponownie.',
    );
  }
}
