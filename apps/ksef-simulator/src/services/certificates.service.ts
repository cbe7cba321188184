import 'reflect-metadata';
import { createHash, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { isoDateTime } from '../core/dates';
import { ForbiddenError, GoneError, KsefError, validationError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import type { RequestAuth } from '../core/request-auth';
import {
  certificateEnrollmentsTable,
  ENROLLMENT_RETENTION_MS,
  ENROLLMENT_STATUS,
  ksefCertificatesTable,
  type CertificateEnrollmentRecord,
  type KsefCertificateRecord,
  type KsefCertificateType,
} from '../domain/certificates';
import type { SubjectIdentifier } from '../domain/identifiers';
import { subjectKey, subjectLimitsFor } from '../domain/subject-limits';
import type { SimulatorContext } from '../simulator-context';
import { issueCertificate, issuingCa } from './certificate-authority.service';

export interface EnrollmentBody {
  certificateName: string;
  certificateType: KsefCertificateType;
  csr: string;
  validFrom?: string | null;
}

export interface CertificateQueryBody {
  certificateSerialNumber?: string | null;
  name?: string | null;
  type?: KsefCertificateType | null;
  status?: 'Active' | 'Blocked' | 'Revoked' | 'Expired' | null;
  expiresAfter?: string | null;
}

const CERTIFICATE_VALIDITY_MS = 2 * 365 * 24 * 60 * 60 * 1000;

/** DN attributes by OID, as KSeF returns them in `/certificates/enrollments/data`. */
const DN_FIELDS = {
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  uniqueIdentifier: '2.5.4.45',
  organizationName: '2.5.4.10',
  organizationIdentifier: '2.5.4.97',
} as const;

type EnrollmentData = Partial<Record<keyof typeof DN_FIELDS, string>> & { commonName: string; countryName: string };

function subjectOf(auth: RequestAuth): SubjectIdentifier {
  const subject = auth.operation.subject;
  if (!subject) throw validationError('Nie można ustalić podmiotu uwierzytelnionego.');
  return subject;
}

const isTokenLogin = (auth: RequestAuth) => auth.operation.ksefTokenReferenceNumber !== null;

/**
 * The DN a CSR must carry. KSeF copies it from the certificate used to log in; the simulator derives it
 * from the authenticated identity (seal for a NIP, person for a PESEL), so it is stable per subject.
 */
export function enrollmentData(auth: RequestAuth): EnrollmentData {
  if (isTokenLogin(auth)) {
    throw new KsefError(25001, 'Brak możliwości pobrania danych do certyfikatu dla tej metody uwierzytelnienia.', [
      'Dane są dostępne wyłącznie po uwierzytelnieniu podpisem lub pieczęcią (XAdES).',
    ]);
  }
  const subject = subjectOf(auth);
  switch (subject.type) {
    case 'Nip':
      return {
        commonName: `Podmiot ${subject.value}`,
        countryName: 'PL',
        organizationName: `Podmiot ${subject.value}`,
        organizationIdentifier: `VATPL-${subject.value}`,
      };
    case 'Pesel':
      return {
        commonName: `Osoba ${subject.value}`,
        countryName: 'PL',
        givenName: 'Osoba',
        surname: 'Testowa',
        serialNumber: `PNOPL-${subject.value}`,
      };
    case 'Fingerprint':
      return { commonName: `Certyfikat ${subject.value.slice(0, 16)}`, countryName: 'PL' };
  }
}

function activeCertificates(ctx: SimulatorContext, subject: SubjectIdentifier): KsefCertificateRecord[] {
  const now = ctx.clock.now();
  const key = subjectKey(subject);
  return [...ksefCertificatesTable(ctx.store).values()].filter(
    (c) => subjectKey(c.subject) === key && c.status === 'Active' && c.validTo > now,
  );
}

function enrollmentCount(ctx: SimulatorContext, subject: SubjectIdentifier): number {
  const key = subjectKey(subject);
  let count = 0;
  for (const e of certificateEnrollmentsTable(ctx.store).values()) if (subjectKey(e.subject) === key) count++;
  return count;
}

export function certificateLimits(ctx: SimulatorContext, auth: RequestAuth) {
  const subject = subjectOf(auth);
  const limits = subjectLimitsFor(ctx.store, subject);
  const enrollmentRemaining = Math.max(0, limits.maxEnrollments - enrollmentCount(ctx, subject));
  const certificateRemaining = Math.max(0, limits.maxCertificates - activeCertificates(ctx, subject).length);
  return {
    canRequest: enrollmentRemaining > 0 && certificateRemaining > 0,
    enrollment: { remaining: enrollmentRemaining, limit: limits.maxEnrollments },
    certificate: { remaining: certificateRemaining, limit: limits.maxCertificates },
  };
}

const SIGNATURE_ALGORITHMS = new Set(['RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA']);
const HASHES = new Set(['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']);

async function parseCsr(base64: string): Promise<x509.Pkcs10CertificateRequest> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(Buffer.from(base64, 'base64'));
  } catch {
    throw new KsefError(25004, 'Nieprawidłowy format CSR.', ['Nie udało się odczytać żądania PKCS#10.']);
  }
  const algorithm = csr.signatureAlgorithm as { name: string; hash?: { name: string } };
  if (!SIGNATURE_ALGORITHMS.has(algorithm.name) || !HASHES.has(algorithm.hash?.name ?? '')) {
    throw new KsefError(25011, 'Nieprawidłowy algorytm podpisu CSR.', [
      `${algorithm.name} ${algorithm.hash?.name ?? ''}`.trim(),
    ]);
  }
  const key = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails;
  const okKey =
    (key.asymmetricKeyType === 'rsa' && details?.modulusLength === 2048) ||
    (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1');
  if (!okKey) {
    throw new KsefError(25010, 'Nieprawidłowy typ lub długość klucza.', ['Dozwolone: RSA 2048 bitów lub EC P-256.']);
  }
  let verified = false;
  try {
    verified = await csr.verify(webcrypto);
  } catch {
    verified = false;
  }
  if (!verified) throw new KsefError(25004, 'Nieprawidłowy format CSR.', ['Podpis CSR jest nieprawidłowy.']);
  return csr;
}

/** The CSR subject must be exactly the enrollment data: the same attributes, nothing more. */
function checkDn(csr: x509.Pkcs10CertificateRequest, expected: EnrollmentData): void {
  const name = csr.subjectName;
  const mismatches: string[] = [];
  let expectedCount = 0;
  for (const [field, oid] of Object.entries(DN_FIELDS) as [keyof typeof DN_FIELDS, string][]) {
    const want = expected[field];
    const have = name.getField(oid);
    if (want !== undefined) expectedCount++;
    if (want === undefined ? have.length > 0 : have.length !== 1 || have[0] !== want) {
      mismatches.push(`${field}: oczekiwano ${want ?? '(brak)'}, jest ${have.join(', ') || '(brak)'}`);
    }
  }
  const total = name.toJSON().reduce((sum, rdn) => sum + Object.values(rdn).reduce((n, v) => n + v.length, 0), 0);
  if (total !== expectedCount) mismatches.push('CSR zawiera atrybuty spoza danych do certyfikatu.');
  if (mismatches.length > 0) {
    throw new KsefError(25003, 'Dane w CSR nie są zgodne z danymi uwierzytelnienia.', mismatches);
  }
}

function newSerialNumber(): string {
  const bytes = randomBytes(8);
  // Positive INTEGER without a leading zero byte, so the serial is exactly 16 hex characters.
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

/** POST /certificates/enrollments: sync CSR checks and limits, then asynchronous issuance by the simulator CA. */
export async function enroll(ctx: SimulatorContext, auth: RequestAuth, body: EnrollmentBody) {
  if (isTokenLogin(auth)) {
    throw new KsefError(25002, 'Niedozwolona metoda uwierzytelnienia.', [
      'Wniosek o certyfikat można złożyć wyłącznie po uwierzytelnieniu podpisem lub pieczęcią.',
    ]);
  }
  const subject = subjectOf(auth);
  const limits = certificateLimits(ctx, auth);
  if (limits.enrollment.remaining <= 0) {
    throw new KsefError(25006, 'Osiągnięto limit wniosków o certyfikat.', [`Limit: ${limits.enrollment.limit}.`]);
  }
  if (limits.certificate.remaining <= 0) {
    throw new KsefError(25007, 'Osiągnięto limit aktywnych certyfikatów.', [`Limit: ${limits.certificate.limit}.`]);
  }
  const csr = await parseCsr(body.csr);
  checkDn(csr, enrollmentData(auth));

  const now = ctx.clock.now();
  const validFrom = body.validFrom ? Date.parse(body.validFrom) : now;
  const referenceNumber = newReferenceNumber('EH', now);
  const enrollment: CertificateEnrollmentRecord = {
    referenceNumber,
    subject: { ...subject },
    requestDate: now,
    status: ENROLLMENT_STATUS.accepted,
    certificateSerialNumber: null,
  };
  certificateEnrollmentsTable(ctx.store).set(referenceNumber, enrollment);

  const publicKeyHash = createHash('sha256').update(Buffer.from(csr.publicKey.rawData)).digest('hex');
  ctx.scheduler.run(ctx.faults.processingDelayMs, async () => {
    const takenByOther = [...ksefCertificatesTable(ctx.store).values()].some(
      (c) => c.publicKeyHash === publicKeyHash && subjectKey(c.subject) !== subjectKey(subject),
    );
    if (takenByOther) {
      enrollment.status = {
        ...ENROLLMENT_STATUS.rejected,
        details: ['Klucz jest już certyfikowany dla innego podmiotu.'],
      };
      return;
    }
    const serialNumber = newSerialNumber();
    const ca = await issuingCa(ctx.store, ctx.clock.now());
    const validTo = validFrom + CERTIFICATE_VALIDITY_MS;
    const der = await issueCertificate(ca, csr, serialNumber, validFrom, validTo, body.certificateType);
    ksefCertificatesTable(ctx.store).set(serialNumber, {
      serialNumber,
      name: body.certificateName,
      type: body.certificateType,
      der,
      commonName: csr.subjectName.getField(DN_FIELDS.commonName)[0] ?? '',
      subject: { ...subject },
      publicKeyHash,
      validFrom,
      validTo,
      requestDate: now,
      status: 'Active',
      revocationReason: null,
      lastUseDate: null,
    });
    enrollment.certificateSerialNumber = serialNumber;
    enrollment.status = ENROLLMENT_STATUS.issued;
  });
  return { referenceNumber, timestamp: isoDateTime(now) };
}

export function enrollmentStatus(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string) {
  const enrollment = certificateEnrollmentsTable(ctx.store).get(referenceNumber);
  if (!enrollment || subjectKey(enrollment.subject) !== subjectKey(subjectOf(auth))) {
    throw new KsefError(25005, 'Wniosek o podanym numerze referencyjnym nie istnieje.', [referenceNumber]);
  }
  if (ctx.clock.now() > enrollment.requestDate + ENROLLMENT_RETENTION_MS) throw new GoneError();
  return {
    requestDate: isoDateTime(enrollment.requestDate),
    status: enrollment.status,
    certificateSerialNumber: enrollment.certificateSerialNumber,
  };
}

function ownCertificate(ctx: SimulatorContext, auth: RequestAuth, serial: string): KsefCertificateRecord | undefined {
  const cert = ksefCertificatesTable(ctx.store).get(serial);
  return cert && subjectKey(cert.subject) === subjectKey(subjectOf(auth)) ? cert : undefined;
}

export function retrieveCertificates(ctx: SimulatorContext, auth: RequestAuth, serials: string[]) {
  if (serials.length < 1 || serials.length > 10) {
    throw validationError('certificateSerialNumbers: dozwolone od 1 do 10 numerów seryjnych');
  }
  const certificates = serials
    .map((serial) => ownCertificate(ctx, auth, serial))
    .filter((c): c is KsefCertificateRecord => c !== undefined)
    .map((c) => ({
      certificate: c.der.toString('base64'),
      certificateName: c.name,
      certificateSerialNumber: c.serialNumber,
      certificateType: c.type,
    }));
  return { certificates };
}

export function visibleStatus(
  ctx: SimulatorContext,
  cert: KsefCertificateRecord,
): 'Active' | 'Blocked' | 'Revoked' | 'Expired' {
  if (cert.status !== 'Active') return cert.status;
  return cert.validTo <= ctx.clock.now() ? 'Expired' : 'Active';
}

export function queryCertificates(
  ctx: SimulatorContext,
  auth: RequestAuth,
  body: CertificateQueryBody,
  pageOffset: number,
  pageSize: number,
) {
  const key = subjectKey(subjectOf(auth));
  const expiresAfter = body.expiresAfter ? Date.parse(body.expiresAfter) : null;
  const name = body.name?.toLowerCase();
  const found = [...ksefCertificatesTable(ctx.store).values()]
    .filter((c) => subjectKey(c.subject) === key)
    .filter((c) => !body.certificateSerialNumber || c.serialNumber === body.certificateSerialNumber)
    .filter((c) => !name || c.name.toLowerCase().includes(name))
    .filter((c) => !body.type || c.type === body.type)
    .filter((c) => !body.status || visibleStatus(ctx, c) === body.status)
    .filter((c) => expiresAfter === null || c.validTo > expiresAfter)
    .sort((a, b) => b.requestDate - a.requestDate || (a.serialNumber < b.serialNumber ? -1 : 1));
  const start = pageOffset * pageSize;
  return {
    certificates: found.slice(start, start + pageSize).map((c) => ({
      certificateSerialNumber: c.serialNumber,
      name: c.name,
      type: c.type,
      commonName: c.commonName,
      status: visibleStatus(ctx, c),
      subjectIdentifier: c.subject,
      validFrom: isoDateTime(c.validFrom),
      validTo: isoDateTime(c.validTo),
      lastUseDate: c.lastUseDate === null ? null : isoDateTime(c.lastUseDate),
      requestDate: isoDateTime(c.requestDate),
    })),
    hasMore: start + pageSize < found.length,
  };
}

/** Revocation passes through Blocked (transitional) to Revoked. Not for token logins; own certificates only. */
export function revokeCertificate(
  ctx: SimulatorContext,
  auth: RequestAuth,
  serial: string,
  reason: string | null,
): void {
  if (isTokenLogin(auth)) {
    throw new ForbiddenError(
      'auth-method-not-allowed',
      'Unieważnienie certyfikatu nie jest dostępne dla tej metody uwierzytelnienia.',
      {
        authenticationMethodCategory: 'Token',
      },
    );
  }
  const cert = ownCertificate(ctx, auth, serial);
  if (!cert) throw new KsefError(25008, 'Certyfikat o podanym numerze seryjnym nie istnieje.', [serial]);
  if (visibleStatus(ctx, cert) !== 'Active') {
    throw new KsefError(25009, 'Certyfikat jest już unieważniony, zablokowany lub nieważny.', [serial]);
  }
  cert.status = 'Blocked';
  cert.revocationReason = reason ?? 'Unspecified';
  ctx.scheduler.run(ctx.faults.processingDelayMs, () => {
    cert.status = 'Revoked';
  });
}
