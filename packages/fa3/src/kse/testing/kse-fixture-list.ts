import { type KseDocument, type KseEncoding } from '../index';
import { CORRECTION_MAZOVIA, VAT_INVOICE_CP852 } from './kse-samples';

export interface EncoderFixture {
  file: string;
  encoding: KseEncoding;
  document: KseDocument;
}

export const ENCODER_FIXTURES: readonly EncoderFixture[] = [
  { file: 'faktura-vat.cp852.KSE', encoding: 'cp852', document: VAT_INVOICE_CP852 },
  { file: 'faktura-vat.mazovia.KSE', encoding: 'mazovia', document: VAT_INVOICE_CP852 },
  { file: 'korekta.mazovia.KSE', encoding: 'mazovia', document: CORRECTION_MAZOVIA },
  { file: 'korekta.cp852.KSE', encoding: 'cp852', document: CORRECTION_MAZOVIA },
];
