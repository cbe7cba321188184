import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { type Invoice } from '../model/invoice.model';
import { type KsefEnvironment } from '../qr/qr-environment';
import { QR_CAPTION_CERTIFICATE, qrCodeICaption } from '../qr/qr-image';
import { buildQrCodeILink } from '../qr/qr-links';
import { STYLES } from './pdf-blocks';
import { renderPdfDocument } from './pdf-renderer';
import {
  additionalInfoSection,
  annotationsSection,
  paymentSection,
  qrSection,
  settlementSection,
} from './invoice-pdf-extra-sections';
import { detailsSection, headerSection, linesSection, partiesSection, vatSummarySection } from './invoice-pdf-sections';

export interface InvoicePdfOptions {
  /** Printed in the header and under KOD I; without it KOD I is captioned OFFLINE. */
  ksefNumber?: string | null;
  /** KOD I link. When absent it is computed from `invoiceXml` and `environment` (exact bytes are needed for the hash). */
  qrCodeI?: string | null;
  /** The exact invoice bytes, to compute KOD I when `qrCodeI` is not given. */
  invoiceXml?: Uint8Array | string;
  environment?: KsefEnvironment;
  qrHost?: string;
  /** KOD II link for offline invoices (see `buildQrCodeIILink`). */
  qrCodeII?: string | null;
  /** Diagonal text on every page, e.g. "WERSJA DEMO". */
  watermark?: string;
}

/**
 * The pdfmake document of an invoice, laid out like the Ministry's KSeF visualisation. The web preview and the
 * e-mailed PDF both render this one definition, so they are the same document.
 */
export function invoicePdfDefinition(invoice: Invoice, options: InvoicePdfOptions = {}): TDocumentDefinitions {
  const ksefNumber = options.ksefNumber ?? null;
  const codeILink = options.qrCodeI ?? computeQrCodeI(invoice, options);
  const fa = invoice.Fa;
  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: { title: `Faktura ${fa.P_2}`, subject: ksefNumber ?? 'Faktura FA(3)', creator: 'Bufor' },
    ...(options.watermark
      ? { watermark: { text: options.watermark, opacity: 0.12, bold: true, color: '#c8102e' } }
      : {}),
    styles: STYLES,
    content: [
      headerSection(invoice, ksefNumber),
      ...partiesSection(invoice),
      ...detailsSection(fa),
      ...linesSection(fa),
      ...vatSummarySection(fa),
      ...annotationsSection(fa),
      ...settlementSection(fa),
      ...paymentSection(fa),
      ...additionalInfoSection(invoice),
      ...qrSection(
        codeILink ? { link: codeILink, caption: qrCodeICaption(ksefNumber) } : null,
        options.qrCodeII ? { link: options.qrCodeII, caption: QR_CAPTION_CERTIFICATE } : null,
      ),
    ],
    footer: (page, pages) => ({
      columns: [
        { text: invoice.Naglowek.SystemInfo ? `Wytworzona w: ${invoice.Naglowek.SystemInfo}` : '', style: 'small' },
        { text: `Strona ${page} z ${pages}`, alignment: 'right', style: 'small' },
      ],
      margin: [40, 16, 40, 0],
    }),
  };
}

/** Renders an invoice to PDF bytes (see {@link invoicePdfDefinition}). */
export function renderInvoicePdf(invoice: Invoice, options: InvoicePdfOptions = {}): Promise<Buffer> {
  return renderPdfDocument(invoicePdfDefinition(invoice, options));
}

function computeQrCodeI(invoice: Invoice, options: InvoicePdfOptions): string | null {
  if (options.invoiceXml === undefined || options.environment === undefined) return null;
  return buildQrCodeILink({
    environment: options.environment,
    ...(options.qrHost ? { qrHost: options.qrHost } : {}),
    sellerNip: invoice.Podmiot1.DaneIdentyfikacyjne.NIP,
    issueDate: invoice.Fa.P_1,
    invoiceXml: options.invoiceXml,
  });
}
