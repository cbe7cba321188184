import { addressNode, bankAccountNode, buyerIdNode, flag1, flag12, paymentForm } from './common.model';
import { type InferNode, leaf, many, obj, one, oneOf, opt } from './schema-node';

const chargeNode = obj({ Kwota: one(leaf('amount')), Powod: one(leaf('text')) });

/** Rozliczenie: additional charges/deductions and the resulting amount to pay or to settle. */
export const settlementNode = obj({
  Obciazenia: many(chargeNode),
  SumaObciazen: opt(leaf('amount')),
  Odliczenia: many(chargeNode),
  SumaOdliczen: opt(leaf('amount')),
  DoZaplaty: opt(leaf('amount')),
  DoRozliczenia: opt(leaf('amount')),
});
export type Settlement = InferNode<typeof settlementNode>;

export const partialPaymentNode = obj({
  KwotaZaplatyCzesciowej: one(leaf('amount')),
  DataZaplatyCzesciowej: one(leaf('date')),
  FormaPlatnosci: opt(paymentForm),
  PlatnoscInna: opt(flag1),
  OpisPlatnosci: opt(leaf('text')),
});

export const paymentTermNode = obj({
  Termin: opt(leaf('date')),
  TerminOpis: opt(
    obj({
      Ilosc: one(leaf('integer')),
      Jednostka: one(leaf('text50')),
      ZdarzeniePoczatkowe: one(leaf('text')),
    }),
  ),
});

/** Platnosc: paid flag or partial payments, due dates, form, bank accounts, discount, payment link. */
export const paymentNode = obj({
  Zaplacono: opt(flag1),
  DataZaplaty: opt(leaf('date')),
  ZnacznikZaplatyCzesciowej: opt(flag12),
  ZaplataCzesciowa: many(partialPaymentNode),
  TerminPlatnosci: many(paymentTermNode),
  FormaPlatnosci: opt(paymentForm),
  PlatnoscInna: opt(flag1),
  OpisPlatnosci: opt(leaf('text')),
  RachunekBankowy: many(bankAccountNode),
  RachunekBankowyFaktora: many(bankAccountNode),
  Skonto: opt(obj({ WarunkiSkonta: one(leaf('text')), WysokoscSkonta: one(leaf('text')) })),
  LinkDoPlatnosci: opt(leaf('text512')),
  IPKSeF: opt(leaf('text20')),
});
export type Payment = InferNode<typeof paymentNode>;

export const transportNode = obj({
  RodzajTransportu: opt(oneOf(['1', '2', '3', '4', '5', '7', '8'] as const)),
  TransportInny: opt(flag1),
  OpisInnegoTransportu: opt(leaf('text50')),
  Przewoznik: opt(obj({ DaneIdentyfikacyjne: one(buyerIdNode), AdresPrzewoznika: one(addressNode) })),
  NrZleceniaTransportu: opt(leaf('text')),
  OpisLadunku: opt(
    oneOf([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
      '19',
      '20',
    ] as const),
  ),
  LadunekInny: opt(flag1),
  OpisInnegoLadunku: opt(leaf('text50')),
  JednostkaOpakowania: opt(leaf('text')),
  DataGodzRozpTransportu: opt(leaf('dateTime')),
  DataGodzZakTransportu: opt(leaf('dateTime')),
  WysylkaZ: opt(addressNode),
  WysylkaPrzez: many(addressNode),
  WysylkaDo: opt(addressNode),
});
export type Transport = InferNode<typeof transportNode>;

/** WarunkiTransakcji: contracts, orders, batches, delivery terms, contractual rate, transport. */
export const transactionTermsNode = obj({
  Umowy: many(obj({ DataUmowy: opt(leaf('date')), NrUmowy: opt(leaf('text')) })),
  Zamowienia: many(obj({ DataZamowienia: opt(leaf('date')), NrZamowienia: opt(leaf('text')) })),
  NrPartiiTowaru: many(leaf('text')),
  WarunkiDostawy: opt(leaf('text')),
  KursUmowny: opt(leaf('quantity')),
  WalutaUmowna: opt(leaf('currency')),
  Transport: many(transportNode),
  PodmiotPosredniczacy: opt(flag1),
});
export type TransactionTerms = InferNode<typeof transactionTermsNode>;
