import 'reflect-metadata';
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { DOMParser } from '@xmldom/xmldom';
import * as xadesjs from 'xadesjs';
import { KsefError, validationError } from '../core/errors';
import {
  AUTH_STATUS,
  type AllowedIpsPolicy,
  type AuthenticationMethod,
  type StatusInfo,
} from '../domain/auth-operation';
import type { ContextIdentifier, ContextIdentifierType, SubjectIdentifier } from '../domain/identifiers';
import { ksefCertificatesTable } from '../domain/certificates';
import { resolvePermissions } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';
import type { SchemaName } from '../xml/xml-toolkit';
import type { XmlElement } from 'libxml2-wasm' with { 'resolution-mode': 'import' };
import { consumeChallenge, startOperation } from './auth-operations.service';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
const AUTH_NAMESPACES: Record<string, SchemaName> = {
  'http://ksef.mf.gov.pl/auth/token/2.0': 'AUTH_2_0',
  'http://ksef.mf.gov.pl/auth/token/2.1': 'AUTH_2_1',
};
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-256': 'sha3-256',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-384': 'sha3-384',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-512': 'sha3-512',
};

// Signatures are verified with xadesjs (the client signs with xml-crypto), on Node's WebCrypto.
xadesjs.Application.setEngine('NodeJS', webcrypto);

interface AuthRequestFields {
  challenge: string;
  context: ContextIdentifier;
  subjectIdentifierType: 'certificateSubject' | 'certificateFingerprint';
  allowedIps: AllowedIpsPolicy | null;
}

/** POST /auth/xades-signature: documented sync errors, then an async outcome (200/415/460/480). */
export async function startXadesAuthentication(
  ctx: SimulatorContext,
  body: unknown,
  options: { verifyCertificateChain: boolean } = { verifyCertificateChain: false },
) {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new KsefError(21001, 'Nieczytelna treść.', ['Pusty dokument.']);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new KsefError(21217, 'Nieprawidłowe kodowanie znaków.', ['Dokument musi być zakodowany w UTF-8.']);
  }
  const fields = readAndValidate(ctx, body);
  const signature = await verifySignature(text);

  const challenge = fields.challenge;
  consumeChallenge(ctx, challenge);

  const certificate = new X509Certificate(signature.certificateDer);
  const now = ctx.clock.now();
  let status: StatusInfo = AUTH_STATUS.success;
  const invalidCertificate = (detail: string): StatusInfo => ({ ...AUTH_STATUS.invalidCertificate, details: [detail] });
  if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) < now) {
    status = invalidCertificate('Certyfikat nieważny.');
  }

  // A KSeF certificate (issued by the simulator CA) carries its identity in the certificate store.
  const ksefCertificate = ksefCertificatesTable(ctx.store).get(certificate.serialNumber.toUpperCase());
  const isKsefCertificate = ksefCertificate?.der.equals(signature.certificateDer) ?? false;
  let identity = subjectOf(signature.certificateDer, fields.subjectIdentifierType);
  if (ksefCertificate && isKsefCertificate) {
    identity = { subject: ksefCertificate.subject, method: 'InternalCertificate', problem: '' };
    if (ksefCertificate.status !== 'Active') status = invalidCertificate('Certyfikat unieważniony lub zawieszony.');
    else if (ksefCertificate.type !== 'Authentication')
      status = invalidCertificate('Certyfikat typu Offline nie służy do uwierzytelniania.');
    else ksefCertificate.lastUseDate = now;
  } else if (options.verifyCertificateChain && certificate.checkIssued(certificate)) {
    // TEST accepts self-signed certificates unless the caller asks for the chain to be verified.
    status = invalidCertificate('Błąd weryfikacji łańcucha certyfikatów: certyfikat samopodpisany.');
  }
  if (!identity.subject) status = invalidCertificate(identity.problem);
  const subject = identity.subject;

  return startOperation(ctx, {
    context: fields.context,
    subject,
    method: identity.method,
    methodInfo: { category: 'XadesSignature', code: identity.method, displayName: displayNameOf(identity.method) },
    status,
    permissions: subject && status.code === 200 ? resolvePermissions(ctx.store, subject, fields.context) : [],
    ksefTokenReferenceNumber: null,
    authDocumentHash: createHash('sha256').update(body).digest('base64'),
    allowedIps: fields.allowedIps,
  });
}

function readAndValidate(ctx: SimulatorContext, body: Buffer): AuthRequestFields {
  let doc;
  try {
    doc = ctx.xml.parse(body);
  } catch (error) {
    throw new KsefError(21001, 'Nieczytelna treść.', [
      error instanceof Error ? error.message.trim() : 'Błąd parsowania XML.',
    ]);
  }
  try {
    const root = doc.root;
    const schema = AUTH_NAMESPACES[root.namespaceUri];
    if (root.name !== 'AuthTokenRequest' || !schema) {
      throw new KsefError(21401, 'Dokument nie jest zgodny ze schemą (xsd).', [
        'Oczekiwano AuthTokenRequest w przestrzeni nazw 2.0 lub 2.1.',
      ]);
    }
    const ns = { a: root.namespaceUri, ds: DS };
    const signatures = doc.find('//ds:Signature', ns);
    if (signatures.length === 0) throw new KsefError(9102, 'Brak podpisu.');
    if (signatures.length > 1) throw new KsefError(9103, 'Przekroczona liczba podpisów.');
    // The schema has no slot for ds:Signature: validate the request itself without it.
    for (const node of signatures) node.remove();
    const errors = ctx.xml.validate(schema, doc);
    if (errors.length > 0) throw new KsefError(21401, 'Dokument nie jest zgodny ze schemą (xsd).', errors);

    const text = (xpath: string) => doc.get(xpath, ns)?.content.trim() ?? '';
    const contextNode = doc.get('/a:AuthTokenRequest/a:ContextIdentifier/*', ns) as XmlElement | null;
    const list = (name: string) =>
      doc.find(`/a:AuthTokenRequest/a:AuthorizationPolicy/a:AllowedIps/a:${name}`, ns).map((n) => n.content.trim());
    const hasPolicy = doc.get('/a:AuthTokenRequest/a:AuthorizationPolicy', ns) !== null;
    return {
      challenge: text('/a:AuthTokenRequest/a:Challenge'),
      context: {
        type: (contextNode?.name ?? 'Nip') as ContextIdentifierType,
        value: contextNode?.content.trim() ?? '',
      },
      subjectIdentifierType: text(
        '/a:AuthTokenRequest/a:SubjectIdentifierType',
      ) as AuthRequestFields['subjectIdentifierType'],
      allowedIps: hasPolicy
        ? { ip4Addresses: list('Ip4Address'), ip4Ranges: list('Ip4Range'), ip4Masks: list('Ip4Mask') }
        : null,
    };
  } finally {
    doc.dispose();
  }
}

async function verifySignature(text: string): Promise<{ certificateDer: Buffer }> {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const signatureElement = doc.getElementsByTagNameNS(DS, 'Signature')[0];
  if (!signatureElement) throw new KsefError(9102, 'Brak podpisu.');
  const references = Array.from(signatureElement.getElementsByTagNameNS(DS, 'Reference'));
  const coversDocument = references.some((r) => {
    const uri = r.getAttribute('URI');
    return uri === '' || (uri !== null && uri.startsWith('#') && r.getAttribute('Type') === null);
  });
  if (!coversDocument)
    throw new KsefError(9101, 'Nieprawidłowy dokument.', ['Podpis zewnętrzny (detached) nie jest obsługiwany.']);

  const certText = signatureElement.getElementsByTagNameNS(DS, 'X509Certificate')[0]?.textContent?.replace(/\s+/g, '');
  if (!certText) throw new KsefError(21115, 'Nieprawidłowy certyfikat.', ['Brak certyfikatu w KeyInfo.']);
  const certificateDer = Buffer.from(certText, 'base64');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificateDer);
  } catch {
    throw new KsefError(21115, 'Nieprawidłowy certyfikat.', ['Nie można odczytać certyfikatu.']);
  }
  checkKeyStrength(certificate);

  const signedXml = new xadesjs.SignedXml(doc);
  let valid = false;
  try {
    signedXml.LoadXml(signatureElement);
    valid = await signedXml.Verify();
  } catch (error) {
    throw new KsefError(9105, 'Nieprawidłowy podpis.', [error instanceof Error ? error.message : String(error)]);
  }
  if (!valid) throw new KsefError(9105, 'Nieprawidłowy podpis.', ['Weryfikacja podpisu nie powiodła się.']);

  // XAdES-BES: SignedProperties must be present and bind the signing certificate.
  const certDigest = signatureElement.getElementsByTagNameNS(XADES, 'CertDigest')[0];
  const signingTime = signatureElement.getElementsByTagNameNS(XADES, 'SigningTime')[0];
  if (!certDigest || !signingTime)
    throw new KsefError(9105, 'Nieprawidłowy podpis.', ['Brak właściwości XAdES (SigningTime, SigningCertificate).']);
  const algorithm = DIGESTS[certDigest.getElementsByTagNameNS(DS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? ''];
  const expected = certDigest.getElementsByTagNameNS(DS, 'DigestValue')[0]?.textContent?.trim();
  if (!algorithm || !expected || createHash(algorithm).update(certificateDer).digest('base64') !== expected) {
    throw new KsefError(9105, 'Nieprawidłowy podpis.', [
      'Skrót certyfikatu w SigningCertificate nie zgadza się z certyfikatem podpisu.',
    ]);
  }
  return { certificateDer };
}

function checkKeyStrength(certificate: X509Certificate): void {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    if ((details?.modulusLength ?? 0) < 2048)
      throw new KsefError(21115, 'Nieprawidłowy certyfikat.', ['Klucz RSA krótszy niż 2048 bitów.']);
  } else if (key.asymmetricKeyType === 'ec') {
    if (!['prime256v1', 'secp384r1', 'secp521r1'].includes(details?.namedCurve ?? '')) {
      throw new KsefError(21115, 'Nieprawidłowy certyfikat.', ['Krzywa EC krótsza niż 256 bitów.']);
    }
  } else {
    throw validationError('Nieobsługiwany typ klucza certyfikatu.');
  }
}

type Identity =
  | { subject: SubjectIdentifier; method: AuthenticationMethod }
  | { subject: null; method: AuthenticationMethod; problem: string };

/** NIP/PESEL from the subject (serialNumber 2.5.4.5 or organizationIdentifier 2.5.4.97), or the fingerprint. */
function subjectOf(der: Buffer, type: AuthRequestFields['subjectIdentifierType']): Identity & { problem: string } {
  const cert = new x509.X509Certificate(der);
  const field = (oid: string) => cert.subjectName.getField(oid)[0] ?? '';
  const isSeal = field('2.5.4.97') !== '' || (field('2.5.4.42') === '' && field('2.5.4.4') === '');
  const method: AuthenticationMethod = isSeal ? 'QualifiedSeal' : 'QualifiedSignature';
  if (type === 'certificateFingerprint') {
    const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase();
    return { subject: { type: 'Fingerprint', value: fingerprint }, method, problem: '' };
  }
  const serial = field('2.5.4.5');
  const pesel = /(PNOPL|PESEL).*?(\d{11})/.exec(serial);
  if (pesel) return { subject: { type: 'Pesel', value: pesel[2]! }, method, problem: '' };
  const nip = /(TINPL|NIP).*?(\d{10})/.exec(serial) ?? /(VATPL).*?(\d{10})/.exec(field('2.5.4.97'));
  if (nip) return { subject: { type: 'Nip', value: nip[2]! }, method, problem: '' };
  return { subject: null, method, problem: 'Certyfikat nie zawiera identyfikatora NIP ani PESEL.' };
}

function displayNameOf(method: AuthenticationMethod): string {
  if (method === 'InternalCertificate') return 'Certyfikat KSeF';
  return method === 'QualifiedSeal' ? 'Pieczęć kwalifikowana' : 'Podpis kwalifikowany';
}
