import {
  X509Certificate,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto';

const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const XADES_NS = 'http://uri.etsi.org/01903/v1.3.2#';

function asPrivate(key: KeyObject | string | Buffer): KeyObject {
  return typeof key === 'string' || Buffer.isBuffer(key) ? createPrivateKey(key) : key;
}

/** XMLDSig ECDSA: the SignatureValue is the raw r‖s concatenation (IEEE P1363), not DER. */
class EcdsaSha256 implements SignatureAlgorithm {
  getSignature = ((signedInfo: string, privateKey: KeyObject | string | Buffer) =>
    sign('sha256', Buffer.from(signedInfo), { key: asPrivate(privateKey), dsaEncoding: 'ieee-p1363' }).toString(
      'base64',
    )) as SignatureAlgorithm['getSignature'];

  verifySignature = ((material: string, key: KeyObject | string | Buffer, signatureValue: string) =>
    verify(
      'sha256',
      Buffer.from(material),
      { key: typeof key === 'string' || Buffer.isBuffer(key) ? createPublicKey(key) : key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signatureValue, 'base64'),
    )) as SignatureAlgorithm['verifySignature'];

  getAlgorithmName = () => ECDSA_SHA256;
}

export interface XadesSigningInput {
  /** Signing certificate (PEM or DER). */
  certificate: string | Buffer;
  /** Private key (PEM, DER PKCS#8 or a KeyObject), RSA ≥ 2048 or EC ≥ P-256. */
  privateKey: string | Buffer | KeyObject;
  signingTime?: Date;
}

function escText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** RFC 4514 form of Node's issuer string (lines most-significant first → reversed, comma-separated). */
function rfc4514(nodeName: string): string {
  return nodeName
    .split('\n')
    .filter(Boolean)
    .reverse()
    .map((rdn) => {
      const i = rdn.indexOf('=');
      const value = rdn.slice(i + 1).replace(/([,+"\\<>;])/g, '\\$1');
      return `${rdn.slice(0, i)}=${value}`;
    })
    .join(', ');
}

/**
 * Signs a whole XML document with an enveloped XAdES-BES (BASELINE-B) signature: SHA-256 digests,
 * exclusive C14N, rsa-sha256 or ecdsa-sha256, SignedProperties with SigningTime and SigningCertificate.
 */
export function signXadesEnveloped(xml: string, input: XadesSigningInput): string {
  const cert = new X509Certificate(input.certificate);
  const key = asPrivate(input.privateKey);
  const isEc = key.asymmetricKeyType === 'ec';
  if (!isEc && key.asymmetricKeyType !== 'rsa') {
    throw new Error(`Nieobsługiwany typ klucza do podpisu XAdES: ${key.asymmetricKeyType ?? 'nieznany'}`);
  }
  const der = cert.raw;
  const suffix = createHash('sha256').update(der).update(String(Date.now())).digest('hex').slice(0, 12);
  const signatureId = `Signature-${suffix}`;
  const signedPropsId = `SignedProperties-${suffix}`;
  const signingTime = (input.signingTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const qualifyingProperties =
    `<xades:QualifyingProperties xmlns:xades="${XADES_NS}" Target="#${signatureId}">` +
    `<xades:SignedProperties Id="${signedPropsId}"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${signingTime}</xades:SigningTime>` +
    `<xades:SigningCertificate><xades:Cert><xades:CertDigest>` +
    `<ds:DigestMethod Algorithm="${SHA256}"/>` +
    `<ds:DigestValue>${createHash('sha256').update(der).digest('base64')}</ds:DigestValue>` +
    `</xades:CertDigest><xades:IssuerSerial>` +
    `<ds:X509IssuerName>${escText(rfc4514(cert.issuer))}</ds:X509IssuerName>` +
    `<ds:X509SerialNumber>${BigInt(`0x${cert.serialNumber}`).toString(10)}</ds:X509SerialNumber>` +
    `</xades:IssuerSerial></xades:Cert></xades:SigningCertificate>` +
    `</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties>`;

  const sig = new SignedXml({
    privateKey: key,
    publicCert: cert.toString(),
    signatureAlgorithm: isEc ? ECDSA_SHA256 : RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    objects: [{ content: qualifyingProperties }],
    getKeyInfoContent: () =>
      `<ds:X509Data><ds:X509Certificate>${der.toString('base64')}</ds:X509Certificate></ds:X509Data>`,
  });
  sig.SignatureAlgorithms = { ...sig.SignatureAlgorithms, [ECDSA_SHA256]: EcdsaSha256 };
  sig.addReference({
    xpath: '/*',
    uri: '',
    isEmptyUri: true,
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
  });
  sig.addReference({
    xpath: `//*[local-name(.)='SignedProperties' and namespace-uri(.)='${XADES_NS}']`,
    transforms: [EXC_C14N],
    digestAlgorithm: SHA256,
    type: 'http://uri.etsi.org/01903#SignedProperties',
  });
  sig.computeSignature(xml.replace(/^\uFEFF/, ''), {
    prefix: 'ds',
    attrs: { Id: signatureId },
    location: { reference: '/*', action: 'append' },
  });
  return sig.getSignedXml();
}

/** Verifies an enveloped signature made by {@link signXadesEnveloped} (used by tests and the CLI). */
export function verifyXadesEnveloped(signedXml: string): boolean {
  const certB64 = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(signedXml)?.[1];
  if (!certB64) return false;
  const cert = new X509Certificate(Buffer.from(certB64, 'base64'));
  const sig = new SignedXml({ publicCert: cert.publicKey.export({ type: 'spki', format: 'pem' }) as string });
  sig.SignatureAlgorithms = { ...sig.SignatureAlgorithms, [ECDSA_SHA256]: EcdsaSha256 };
  const signatureXml = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signedXml)?.[0];
  if (!signatureXml) return false;
  sig.loadSignature(signatureXml);
  return sig.checkSignature(signedXml);
}
