import { flag1, gtu, PROCEDURES, PROCEDURES_Z, vatRate } from './common.model';
import { type InferNode, leaf, obj, one, oneOf, opt } from './schema-node';

/**
 * FaWiersz: one invoice line. P_7 name, P_8A unit, P_8B quantity, P_9A unit net price, P_9B unit gross price,
 * P_10 discount, P_11 net value, P_11A gross value, P_11Vat VAT amount, P_12 VAT rate.
 */
export const lineNode = obj({
  NrWierszaFa: one(leaf('natural')),
  UU_ID: opt(leaf('text50')),
  P_6A: opt(leaf('date')),
  P_7: opt(leaf('text512')),
  Indeks: opt(leaf('text50')),
  GTIN: opt(leaf('text20')),
  PKWiU: opt(leaf('text50')),
  CN: opt(leaf('text50')),
  PKOB: opt(leaf('text50')),
  P_8A: opt(leaf('text')),
  P_8B: opt(leaf('quantity')),
  P_9A: opt(leaf('amount8')),
  P_9B: opt(leaf('amount8')),
  P_10: opt(leaf('amount8')),
  P_11: opt(leaf('amount')),
  P_11A: opt(leaf('amount')),
  P_11Vat: opt(leaf('amount')),
  P_12: opt(vatRate),
  P_12_XII: opt(leaf('percent')),
  P_12_Zal_15: opt(flag1),
  KwotaAkcyzy: opt(leaf('amount')),
  GTU: opt(gtu),
  Procedura: opt(oneOf(PROCEDURES)),
  KursWaluty: opt(leaf('quantity')),
  StanPrzed: opt(flag1),
});
export type InvoiceLine = InferNode<typeof lineNode>;

/** ZamowienieWiersz: a line of the order an advance invoice (ZAL) refers to. */
export const orderLineNode = obj({
  NrWierszaZam: one(leaf('natural')),
  UU_IDZ: opt(leaf('text50')),
  P_7Z: opt(leaf('text512')),
  IndeksZ: opt(leaf('text50')),
  GTINZ: opt(leaf('text20')),
  PKWiUZ: opt(leaf('text50')),
  CNZ: opt(leaf('text50')),
  PKOBZ: opt(leaf('text50')),
  P_8AZ: opt(leaf('text')),
  P_8BZ: opt(leaf('quantity')),
  P_9AZ: opt(leaf('amount8')),
  P_11NettoZ: opt(leaf('amount')),
  P_11VatZ: opt(leaf('amount')),
  P_12Z: opt(vatRate),
  P_12Z_XII: opt(leaf('percent')),
  P_12Z_Zal_15: opt(flag1),
  GTUZ: opt(gtu),
  ProceduraZ: opt(oneOf(PROCEDURES_Z)),
  KwotaAkcyzyZ: opt(leaf('amount')),
  StanPrzedZ: opt(flag1),
});
export type OrderLine = InferNode<typeof orderLineNode>;
