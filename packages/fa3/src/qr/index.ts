export { type KsefEnvironment, KSEF_ENVIRONMENTS, QR_HOSTS, qrHostFor } from './qr-environment';
export { invoiceHashBase64, invoiceHashBase64Url, base64ToBase64Url } from './qr-hash';
export {
  type InvoiceHashSource,
  type QrTarget,
  type QrCodeIInput,
  type QrCodeIIInput,
  type QrCodeIILink,
  type QrContextType,
  buildQrCodeILink,
  buildQrCodeIILink,
  signQrData,
  qrDate,
} from './qr-links';
export {
  type QrImageOptions,
  type QrMatrix,
  QR_CAPTION_OFFLINE,
  QR_CAPTION_CERTIFICATE,
  qrCodeICaption,
  qrMatrix,
  renderQrSvg,
  renderQrPng,
} from './qr-image';
