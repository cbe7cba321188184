import {
  buildQrCodeILink,
  buildQrCodeIILink,
  type InvoiceHashSource,
  type QrCodeIIInput,
  type QrCodeIILink,
  type QrContextType,
} from '@bufor/fa3/qr';
import { type KsefEnvironment } from '../environment/ksef-environment';

// One implementation of the KSeF number and QR rules: fa3's, through its light subpath entries (no PDF, no XML).
export { isValidKsefNumber, ksefNumberChecksum, parseKsefNumber, type KsefNumberParts } from '@bufor/fa3/ids';
export { isValidNip } from '@bufor/fa3/ids';
export { invoiceHashBase64Url, type InvoiceHashSource, type QrCodeIILink, type QrContextType } from '@bufor/fa3/qr';

export type InvoiceQrInput = InvoiceHashSource & {
  /** Podmiot1 NIP. */
  sellerNip: string;
  /** P_1 as `YYYY-MM-DD`. */
  issueDate: string;
};

export type CertificateQrInput = InvoiceHashSource & {
  contextType: QrContextType;
  contextValue: string;
  sellerNip: string;
  /** Serial of the issuer's Offline-type KSeF certificate. */
  certificateSerial: string;
  /** That certificate's private key (RSA ≥ 2048 or EC P-256), KeyObject or PEM. */
  privateKey: QrCodeIIInput['privateKey'];
};

/** KOD I (invoice verification link) on this environment's QR host. */
export function invoiceQrLink(environment: KsefEnvironment, input: InvoiceQrInput): string {
  return buildQrCodeILink({ ...input, environment: environment.name, qrHost: environment.qrBaseUrl });
}

/** KOD II (offline issuer certificate link, signed) on this environment's QR host. */
export function certificateQrLink(environment: KsefEnvironment, input: CertificateQrInput): QrCodeIILink {
  return buildQrCodeIILink({ ...input, environment: environment.name, qrHost: environment.qrBaseUrl });
}
