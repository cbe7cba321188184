export { type InvoicePdfOptions, invoicePdfDefinition, renderInvoicePdf } from './invoice-pdf';
export { type UpoDocument, type UpoInvoice, UPO_NAMESPACE, UpoParseError, parseUpo } from './upo-document';
export { type UpoPdfOptions, upoPdfDefinition, renderUpoPdf } from './upo-pdf';
export { renderPdfDocument } from './pdf-renderer';
