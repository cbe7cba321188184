import { type InferNode, leaf, obj, one, oneOf, opt } from './schema-node';

/** Target namespace of the FA(3) schema. */
export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
/** Namespace of the base types (prefix `etd`). */
export const ETD_NAMESPACE = 'http://crd.gov.pl/xml/schematy/dziedzinowe/mf/2022/01/05/eD/DefinicjeTypy/';

export const INVOICE_KINDS = ['VAT', 'KOR', 'ZAL', 'ROZ', 'UPR', 'KOR_ZAL', 'KOR_ROZ'] as const;
/** RodzajFaktury. */
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** TStawkaPodatku: values of P_12. */
export const VAT_RATES = [
  '23',
  '22',
  '8',
  '7',
  '5',
  '4',
  '3',
  '0 KR',
  '0 WDT',
  '0 EX',
  'zw',
  'oo',
  'np I',
  'np II',
] as const;
export type VatRate = (typeof VAT_RATES)[number];

export const EU_COUNTRY_CODES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'EL', 'HR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'XI',
] as const; // prettier-ignore

export const GTU_CODES = [
  'GTU_01', 'GTU_02', 'GTU_03', 'GTU_04', 'GTU_05', 'GTU_06', 'GTU_07',
  'GTU_08', 'GTU_09', 'GTU_10', 'GTU_11', 'GTU_12', 'GTU_13',
] as const; // prettier-ignore

export const PROCEDURES = [
  'WSTO_EE',
  'IED',
  'TT_D',
  'I_42',
  'I_63',
  'B_SPV',
  'B_SPV_DOSTAWA',
  'B_MPV_PROWIZJA',
] as const;
export const PROCEDURES_Z = ['WSTO_EE', 'IED', 'TT_D', 'B_SPV', 'B_SPV_DOSTAWA', 'B_MPV_PROWIZJA'] as const;

/** FormaPlatnosci: 1 gotówka, 2 karta, 3 bon, 4 czek, 5 kredyt, 6 przelew, 7 mobilna. */
export const PAYMENT_FORMS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type PaymentForm = (typeof PAYMENT_FORMS)[number];

export const flag1 = oneOf(['1'] as const); // TWybor1
export const flag12 = oneOf(['1', '2'] as const); // TWybor1_2: 1 = yes, 2 = no

export const euCountry = oneOf(EU_COUNTRY_CODES);
export const invoiceKind = oneOf(INVOICE_KINDS);
export const vatRate = oneOf(VAT_RATES);
export const gtu = oneOf(GTU_CODES);
export const paymentForm = oneOf(PAYMENT_FORMS);

/** TAdres. */
export const addressNode = obj({
  KodKraju: one(leaf('country')),
  AdresL1: one(leaf('text512')),
  AdresL2: opt(leaf('text512')),
  GLN: opt(leaf('gln')),
});
export type Address = InferNode<typeof addressNode>;

/** TPodmiot1: Polish NIP and name. */
export const partyIdPlNode = obj({
  NIP: one(leaf('nip')),
  Nazwa: one(leaf('text512')),
});
export type PartyIdPl = InferNode<typeof partyIdPlNode>;

/** TPodmiot2: one of NIP | KodUE+NrVatUE | [KodKraju]+NrID | BrakID, then an optional name. */
export const buyerIdNode = obj({
  NIP: opt(leaf('nip')),
  KodUE: opt(euCountry),
  NrVatUE: opt(leaf('vatUe')),
  KodKraju: opt(leaf('country')),
  NrID: opt(leaf('taxId')),
  BrakID: opt(flag1),
  Nazwa: opt(leaf('text512')),
});
export type BuyerId = InferNode<typeof buyerIdNode>;

/** TPodmiot3: like TPodmiot2 plus the internal identifier IDWew. */
export const thirdPartyIdNode = obj({
  NIP: opt(leaf('nip')),
  IDWew: opt(leaf('text20')),
  KodUE: opt(euCountry),
  NrVatUE: opt(leaf('vatUe')),
  KodKraju: opt(leaf('country')),
  NrID: opt(leaf('taxId')),
  BrakID: opt(flag1),
  Nazwa: opt(leaf('text512')),
});
export type ThirdPartyId = InferNode<typeof thirdPartyIdNode>;

export const contactNode = obj({
  Email: opt(leaf('email')),
  Telefon: opt(leaf('phone')),
});
export type Contact = InferNode<typeof contactNode>;

/** TRachunekBankowy. */
export const bankAccountNode = obj({
  NrRB: one(leaf('bankAccount')),
  SWIFT: opt(leaf('swift')),
  RachunekWlasnyBanku: opt(oneOf(['1', '2', '3'] as const)),
  NazwaBanku: opt(leaf('text')),
  OpisRachunku: opt(leaf('text')),
});
export type BankAccount = InferNode<typeof bankAccountNode>;

/** TKluczWartosc (DodatkowyOpis). */
export const keyValueNode = obj({
  NrWiersza: opt(leaf('natural')),
  Klucz: one(leaf('text')),
  Wartosc: one(leaf('text')),
});
export type KeyValue = InferNode<typeof keyValueNode>;
