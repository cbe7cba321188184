import { ETD_NAMESPACE, FA3_NAMESPACE } from './common.model';
import { faNode } from './fa.model';
import { authorizedPartyNode, buyerNode, sellerNode, thirdPartyNode } from './party.model';
import { attr, type InferNode, leaf, many, obj, one, oneOf, opt } from './schema-node';

/** Naglowek. KodFormularza (with its fixed attributes) is implied and always written by the builder. */
export const headerNode = obj(
  {
    WariantFormularza: one(oneOf(['3'] as const)),
    DataWytworzeniaFa: one(leaf('dateTime')),
    SystemInfo: opt(leaf('text')),
  },
  [{ name: 'KodFormularza', attributes: { kodSystemowy: 'FA (3)', wersjaSchemy: '1-0E' }, text: 'FA' }],
);
export type Header = InferNode<typeof headerNode>;

/** Stopka: footer texts and company registers (KRS, REGON, BDO). */
export const footerNode = obj({
  Informacje: many(obj({ StopkaFaktury: opt(leaf('longText')) })),
  Rejestry: many(
    obj({
      PelnaNazwa: opt(leaf('text')),
      KRS: opt(leaf('krs')),
      REGON: opt(leaf('regon')),
      BDO: opt(leaf('text')),
    }),
  ),
});
export type Footer = InferNode<typeof footerNode>;

const tableNode = obj({
  TMetaDane: many(obj({ TKlucz: one(leaf('text')), TWartosc: one(leaf('text')) })),
  Opis: opt(leaf('text512')),
  TNaglowek: one(
    obj({
      Kol: many(
        obj({
          Typ: attr(oneOf(['date', 'datetime', 'dec', 'int', 'time', 'txt'] as const)),
          NKom: one(leaf('text')),
        }),
      ),
    }),
  ),
  Wiersz: many(obj({ WKom: many(leaf('text')) })),
  Suma: opt(obj({ SKom: many(leaf('text')) })),
});

/** Zalacznik: structured attachment (data blocks with metadata, paragraphs and tables). */
export const attachmentNode = obj({
  BlokDanych: many(
    obj({
      ZNaglowek: opt(leaf('text512')),
      MetaDane: many(obj({ ZKlucz: one(leaf('text')), ZWartosc: one(leaf('text')) })),
      Tekst: opt(obj({ Akapit: many(leaf('text512')) })),
      Tabela: many(tableNode),
    }),
  ),
});
export type Attachment = InferNode<typeof attachmentNode>;

/** Faktura: the root of an FA(3) document. */
export const invoiceNode = obj({
  Naglowek: one(headerNode),
  Podmiot1: one(sellerNode),
  Podmiot2: one(buyerNode),
  Podmiot3: many(thirdPartyNode),
  PodmiotUpowazniony: opt(authorizedPartyNode),
  Fa: one(faNode),
  Stopka: opt(footerNode),
  Zalacznik: opt(attachmentNode),
});

/** An FA(3) invoice. Element names follow the official schema 1:1; every value is a string in its XML lexical form. */
export type Invoice = InferNode<typeof invoiceNode>;

export const ROOT_ELEMENT = 'Faktura';
export const ROOT_NAMESPACES = { xmlns: FA3_NAMESPACE, 'xmlns:etd': ETD_NAMESPACE } as const;
