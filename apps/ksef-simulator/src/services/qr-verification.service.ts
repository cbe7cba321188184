import { verify, X509Certificate } from 'node:crypto';
import { ksefCertificatesTable } from '../domain/certificates';
import type { ContextIdentifierType } from '../domain/identifiers';
import { resolvePermissions } from '../domain/permissions';
import type { SimulatorContext } from '../simulator-context';
import { visibleStatus } from './certificates.service';

export interface QrCode2 {
  contextType: string;
  contextValue: string;
  sellerNip: string;
  certificateSerial: string;
  invoiceHash: string;
  signature: string;
}

export interface QrVerification {
  status: 'VALID' | 'INVALID';
  problems: string[];
}

/** The QR hosts whose links may have been signed (SPEC-NOTES §1); the simulator's own `{host}/qr` is added by the caller. */
export const OFFICIAL_QR_HOSTS = ['qr-test.ksef.mf.gov.pl', 'qr-demo.ksef.mf.gov.pl', 'qr.ksef.mf.gov.pl'];

function verifySignature(cert: X509Certificate, data: Buffer, signature: Buffer): boolean {
  const key = cert.publicKey;
  try {
    if (key.asymmetricKeyType === 'rsa') {
      return verify('sha256', data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: 32 }, signature);
    }
    // ECDSA: 64 bytes = IEEE P1363 r||s (recommended), otherwise DER.
    const dsaEncoding = signature.length === 64 ? 'ieee-p1363' : 'der';
    return verify('sha256', data, { key, dsaEncoding }, signature);
  } catch {
    return false;
  }
}

/**
 * KOD II verification as KSeF does it when scanned: the certificate exists, is Offline and active, the
 * signature over "host/certificate/.../hash" verifies, and its owner may issue invoices in the context.
 */
export function verifyQrCode2(ctx: SimulatorContext, code: QrCode2, hosts: string[]): QrVerification {
  const problems: string[] = [];
  const record = ksefCertificatesTable(ctx.store).get(code.certificateSerial);
  if (!record) return { status: 'INVALID', problems: ['Certyfikat KSeF o podanym numerze nie istnieje.'] };
  if (record.type !== 'Offline') problems.push('Certyfikat nie jest typu Offline.');
  if (visibleStatus(ctx, record) !== 'Active') problems.push('Certyfikat nie jest aktywny.');
  const path = `/certificate/${code.contextType}/${code.contextValue}/${code.sellerNip}/${code.certificateSerial}/${code.invoiceHash}`;
  const signature = Buffer.from(code.signature, 'base64url');
  const cert = new X509Certificate(record.der);
  if (!hosts.some((host) => verifySignature(cert, Buffer.from(`${host}${path}`, 'utf8'), signature))) {
    problems.push('Podpis kodu QR jest nieprawidłowy.');
  }
  const permissions = resolvePermissions(ctx.store, record.subject, {
    type: code.contextType as ContextIdentifierType,
    value: code.contextValue,
  });
  if (!permissions.includes('InvoiceWrite'))
    problems.push('Właściciel certyfikatu nie ma uprawnienia InvoiceWrite w kontekście.');
  // Relations (self-invoicing, VAT groups, representatives) are not modelled: a NIP context issues for itself.
  if (code.contextType === 'Nip' && code.contextValue !== code.sellerNip) {
    problems.push('Kontekst nie może wystawiać faktur dla wskazanego sprzedawcy.');
  }
  return { status: problems.length === 0 ? 'VALID' : 'INVALID', problems };
}
