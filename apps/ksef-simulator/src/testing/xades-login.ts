import { expect } from 'vitest';
import { challenge, redeemTokens, waitForAuth, type Tokens } from './auth-flow';
import type { SimHarness } from './sim-harness';
import { selfSignedCertificate, signXadesEnveloped, type TestCertificate } from './test-crypto';

const AUTH_NS = 'http://ksef.mf.gov.pl/auth/token/2.0';

/** Self-signed certificates in the shapes TEST accepts (SPEC-NOTES §4.3). */
export const personCertificate = (id: { nip?: string; pesel?: string }, kind: 'rsa' | 'ec' = 'ec'): TestCertificate =>
  selfSignedCertificate(
    `/GN=Anna/SN=Kowalska/serialNumber=${id.pesel ? `PNOPL-${id.pesel}` : `TINPL-${id.nip}`}/CN=Anna Kowalska/C=PL`,
    kind,
  );

export const sealCertificate = (nip: string, kind: 'rsa' | 'ec' = 'ec'): TestCertificate =>
  selfSignedCertificate(`/O=Firma ${nip}/organizationIdentifier=VATPL-${nip}/CN=Firma ${nip}/C=PL`, kind);

/** Starts XAdES authentication in a NIP context; returns the 202 body. */
export async function xadesInit(
  h: SimHarness,
  cert: TestCertificate,
  contextNip: string,
  subjectType: 'certificateSubject' | 'certificateFingerprint' = 'certificateSubject',
) {
  const ch = await challenge(h);
  const inner =
    `<Challenge>${ch.challenge}</Challenge><ContextIdentifier><Nip>${contextNip}</Nip></ContextIdentifier>` +
    `<SubjectIdentifierType>${subjectType}</SubjectIdentifierType>`;
  const xml = signXadesEnveloped('AuthTokenRequest', AUTH_NS, inner, cert, new Date());
  const res = await h.api<{ referenceNumber: string; authenticationToken: { token: string } }>(
    'POST',
    '/auth/xades-signature',
    {
      rawBody: xml,
      contentType: 'application/xml',
    },
  );
  expect(res.status).toBe(202);
  return res.body;
}

/** The final auth status code of a XAdES login (200, 415, 470, 480...). */
export async function xadesStatus(h: SimHarness, cert: TestCertificate, contextNip: string): Promise<number> {
  const init = await xadesInit(h, cert, contextNip);
  return waitForAuth(h, init.referenceNumber, init.authenticationToken.token);
}

/** Full XAdES login to access/refresh tokens. */
export async function xadesLogin(
  h: SimHarness,
  cert: TestCertificate,
  contextNip: string,
  subjectType: 'certificateSubject' | 'certificateFingerprint' = 'certificateSubject',
): Promise<Tokens> {
  const init = await xadesInit(h, cert, contextNip, subjectType);
  return redeemTokens(h, init.referenceNumber, init.authenticationToken.token);
}
