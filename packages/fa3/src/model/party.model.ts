import {
  addressNode,
  buyerIdNode,
  contactNode,
  euCountry,
  flag1,
  partyIdPlNode,
  thirdPartyIdNode,
} from './common.model';
import { type InferNode, leaf, many, obj, one, oneOf, opt } from './schema-node';

/** Podmiot1: the seller. */
export const sellerNode = obj({
  PrefiksPodatnika: opt(euCountry),
  NrEORI: opt(leaf('text')),
  DaneIdentyfikacyjne: one(partyIdPlNode),
  Adres: one(addressNode),
  AdresKoresp: opt(addressNode),
  DaneKontaktowe: many(contactNode),
  /** 1 stan likwidacji, 2 restrukturyzacja, 3 upadłość, 4 spadek. */
  StatusInfoPodatnika: opt(oneOf(['1', '2', '3', '4'] as const)),
});
export type Seller = InferNode<typeof sellerNode>;

/** Podmiot2: the buyer. JST / GV: 1 = yes, 2 = no (required since FA(3)). */
export const buyerNode = obj({
  NrEORI: opt(leaf('text')),
  DaneIdentyfikacyjne: one(buyerIdNode),
  Adres: opt(addressNode),
  AdresKoresp: opt(addressNode),
  DaneKontaktowe: many(contactNode),
  NrKlienta: opt(leaf('text')),
  IDNabywcy: opt(leaf('text50')),
  JST: one(oneOf(['1', '2'] as const)),
  GV: one(oneOf(['1', '2'] as const)),
});
export type Buyer = InferNode<typeof buyerNode>;

/** TRolaPodmiotu3: 1 faktor, 2 odbiorca, 3 podmiot pierwotny, 4 dodatkowy nabywca, 5 wystawca, 6 dokonujący płatności,
 * 7 JST wystawca, 8 JST odbiorca, 9 członek GV wystawca, 10 członek GV odbiorca, 11 pracownik. */
export const THIRD_PARTY_ROLES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] as const;

/** Podmiot3: other parties with a role (factor, recipient, additional buyer, ...). */
export const thirdPartyNode = obj({
  IDNabywcy: opt(leaf('text50')),
  NrEORI: opt(leaf('text')),
  DaneIdentyfikacyjne: one(thirdPartyIdNode),
  Adres: opt(addressNode),
  AdresKoresp: opt(addressNode),
  DaneKontaktowe: many(contactNode),
  Rola: opt(oneOf(THIRD_PARTY_ROLES)),
  RolaInna: opt(flag1),
  OpisRoli: opt(leaf('text')),
  Udzial: opt(leaf('percent')),
  NrKlienta: opt(leaf('text')),
});
export type ThirdParty = InferNode<typeof thirdPartyNode>;

export const authorizedContactNode = obj({
  EmailPU: opt(leaf('email')),
  TelefonPU: opt(leaf('phone')),
});

/** PodmiotUpowazniony: 1 organ egzekucyjny, 2 komornik sądowy, 3 przedstawiciel podatkowy. */
export const authorizedPartyNode = obj({
  NrEORI: opt(leaf('text')),
  DaneIdentyfikacyjne: one(partyIdPlNode),
  Adres: one(addressNode),
  AdresKoresp: opt(addressNode),
  DaneKontaktowe: many(authorizedContactNode),
  RolaPU: one(oneOf(['1', '2', '3'] as const)),
});
export type AuthorizedParty = InferNode<typeof authorizedPartyNode>;
