import { addressNode, buyerIdNode, euCountry, flag1, invoiceKind, keyValueNode, partyIdPlNode } from './common.model';
import { annotationsNode } from './fa-annotations.model';
import { lineNode, orderLineNode } from './fa-line.model';
import { paymentNode, settlementNode, transactionTermsNode } from './fa-settlement.model';
import { type InferNode, leaf, many, obj, one, oneOf, opt } from './schema-node';

/** DaneFaKorygowanej: the corrected invoice, with its KSeF number (NrKSeF=1) or without one (NrKSeFN=1). */
export const correctedInvoiceNode = obj({
  DataWystFaKorygowanej: one(leaf('date')),
  NrFaKorygowanej: one(leaf('text')),
  NrKSeF: opt(flag1),
  NrKSeFFaKorygowanej: opt(leaf('ksefNumber')),
  NrKSeFN: opt(flag1),
});
export type CorrectedInvoice = InferNode<typeof correctedInvoiceNode>;

/** FakturaZaliczkowa: an advance invoice settled by a ROZ / KOR_ROZ invoice. */
export const advanceInvoiceNode = obj({
  NrKSeFZN: opt(flag1),
  NrFaZaliczkowej: opt(leaf('text')),
  NrKSeFFaZaliczkowej: opt(leaf('ksefNumber')),
});
export type AdvanceInvoice = InferNode<typeof advanceInvoiceNode>;

/**
 * Fa: the invoice proper. Sums per VAT rate: P_13_1/P_14_1 (23 or 22 %), P_13_2/P_14_2 (8 or 7 %), P_13_3/P_14_3
 * (5 %), P_13_4/P_14_4 (taxi flat rate 4 or 3 %), P_13_5/P_14_5 (OSS procedure), P_13_6_1 (0 % domestic),
 * P_13_6_2 (0 % WDT), P_13_6_3 (0 % export), P_13_7 (exempt), P_13_8 (np I), P_13_9 (np II), P_13_10 (reverse
 * charge), P_13_11 (margin); P_14_xW are the VAT amounts converted to PLN. P_15 is the gross total.
 */
export const faNode = obj({
  KodWaluty: one(leaf('currency')),
  P_1: one(leaf('date')),
  P_1M: opt(leaf('text')),
  P_2: one(leaf('text')),
  WZ: many(leaf('text')),
  P_6: opt(leaf('date')),
  OkresFa: opt(obj({ P_6_Od: one(leaf('date')), P_6_Do: one(leaf('date')) })),
  P_13_1: opt(leaf('amount')),
  P_14_1: opt(leaf('amount')),
  P_14_1W: opt(leaf('amount')),
  P_13_2: opt(leaf('amount')),
  P_14_2: opt(leaf('amount')),
  P_14_2W: opt(leaf('amount')),
  P_13_3: opt(leaf('amount')),
  P_14_3: opt(leaf('amount')),
  P_14_3W: opt(leaf('amount')),
  P_13_4: opt(leaf('amount')),
  P_14_4: opt(leaf('amount')),
  P_14_4W: opt(leaf('amount')),
  P_13_5: opt(leaf('amount')),
  P_14_5: opt(leaf('amount')),
  P_13_6_1: opt(leaf('amount')),
  P_13_6_2: opt(leaf('amount')),
  P_13_6_3: opt(leaf('amount')),
  P_13_7: opt(leaf('amount')),
  P_13_8: opt(leaf('amount')),
  P_13_9: opt(leaf('amount')),
  P_13_10: opt(leaf('amount')),
  P_13_11: opt(leaf('amount')),
  P_15: one(leaf('amount')),
  KursWalutyZ: opt(leaf('quantity')),
  Adnotacje: one(annotationsNode),
  RodzajFaktury: one(invoiceKind),
  PrzyczynaKorekty: opt(leaf('text')),
  /** 1 skutek w dacie faktury korygowanej, 2 w dacie korekty, 3 w innej dacie. */
  TypKorekty: opt(oneOf(['1', '2', '3'] as const)),
  DaneFaKorygowanej: many(correctedInvoiceNode),
  OkresFaKorygowanej: opt(leaf('text')),
  NrFaKorygowany: opt(leaf('text')),
  Podmiot1K: opt(
    obj({ PrefiksPodatnika: opt(euCountry), DaneIdentyfikacyjne: one(partyIdPlNode), Adres: one(addressNode) }),
  ),
  Podmiot2K: many(
    obj({ DaneIdentyfikacyjne: one(buyerIdNode), Adres: opt(addressNode), IDNabywcy: opt(leaf('text50')) }),
  ),
  P_15ZK: opt(leaf('amount')),
  KursWalutyZK: opt(leaf('quantity')),
  ZaliczkaCzesciowa: many(
    obj({ P_6Z: one(leaf('date')), P_15Z: one(leaf('amount')), KursWalutyZW: opt(leaf('quantity')) }),
  ),
  FP: opt(flag1),
  TP: opt(flag1),
  DodatkowyOpis: many(keyValueNode),
  FakturaZaliczkowa: many(advanceInvoiceNode),
  ZwrotAkcyzy: opt(flag1),
  FaWiersz: many(lineNode),
  Rozliczenie: opt(settlementNode),
  Platnosc: opt(paymentNode),
  WarunkiTransakcji: opt(transactionTermsNode),
  Zamowienie: opt(obj({ WartoscZamowienia: one(leaf('amount')), ZamowienieWiersz: many(orderLineNode) })),
});
export type Fa = InferNode<typeof faNode>;
