import type { XmlDocument, XmlElement } from 'libxml2-wasm' with { 'resolution-mode': 'import' };
import type { InvoiceFacts, PartyIdentifier } from '../domain/stored-invoice';

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
const NS = { f: FA3_NAMESPACE };

function text(doc: XmlDocument | XmlElement, xpath: string): string | null {
  const node = doc.get(xpath, NS);
  const value = node?.content.trim();
  return value ? value : null;
}

function partyIdentifier(doc: XmlDocument | XmlElement, base: string): PartyIdentifier {
  const ids = new Map<string, string>();
  for (const node of doc.find(`${base}/f:DaneIdentyfikacyjne/*`, NS))
    ids.set((node as XmlElement).name, node.content.trim());
  const nip = ids.get('NIP');
  if (nip) return { type: 'Nip', value: nip };
  const internal = ids.get('IDWew');
  if (internal) return { type: 'InternalId', value: internal };
  const euCode = ids.get('KodUE');
  const euNumber = ids.get('NrVatUE');
  if (euCode && euNumber) return { type: 'VatUe', value: `${euCode}${euNumber}` };
  const other = ids.get('NrID');
  if (other) return { type: 'Other', value: other };
  return { type: 'None', value: null };
}

const NET = new Set([
  'P_13_1',
  'P_13_2',
  'P_13_3',
  'P_13_4',
  'P_13_5',
  'P_13_6_1',
  'P_13_6_2',
  'P_13_6_3',
  'P_13_7',
  'P_13_8',
  'P_13_9',
  'P_13_10',
  'P_13_11',
]);
const VAT = new Set(['P_14_1', 'P_14_2', 'P_14_3', 'P_14_4', 'P_14_5']);
const VAT_PLN = new Set(['P_14_1W', 'P_14_2W', 'P_14_3W', 'P_14_4W']);
const FA_FIELDS = new Set(['P_1', 'P_2', 'RodzajFaktury', 'KodWaluty', 'P_15', ...NET, ...VAT, ...VAT_PLN]);

/** Scalar children of Fa in one XPath call (tens of separate XPath evaluations were the costliest part of a send). */
function faFields(doc: XmlDocument): Map<string, string> {
  const fields = new Map<string, string>();
  for (const node of doc.find('/f:Faktura/f:Fa/*', NS)) {
    const name = (node as XmlElement).name;
    if (FA_FIELDS.has(name)) fields.set(name, node.content.trim());
  }
  return fields;
}

function total(fields: Map<string, string>, names: Set<string>): number {
  let sum = 0;
  for (const name of names) {
    const value = fields.get(name);
    if (value) sum += Number(value);
  }
  return Math.round(sum * 100) / 100;
}

/** Reads the fields KSeF logic and metadata use from a schema-valid FA(3) document. */
export function readInvoiceFacts(doc: XmlDocument): InvoiceFacts {
  const fa = faFields(doc);
  const currency = fa.get('KodWaluty') ?? 'PLN';
  const thirdSubjects = doc.find('/f:Faktura/f:Podmiot3', NS).map((node) => {
    const element = node as XmlElement;
    return {
      identifier: partyIdentifier(element, '.'),
      name: text(element, './f:DaneIdentyfikacyjne/f:Nazwa'),
      role: Number(text(element, './f:Rola') ?? '0'),
    };
  });
  const authorized = doc.get('/f:Faktura/f:PodmiotUpowazniony', NS) as XmlElement | null;
  const authorizedNip = authorized ? text(authorized, './f:DaneIdentyfikacyjne/f:NIP') : null;
  return {
    sellerNip: text(doc, '/f:Faktura/f:Podmiot1/f:DaneIdentyfikacyjne/f:NIP') ?? '',
    sellerName: text(doc, '/f:Faktura/f:Podmiot1/f:DaneIdentyfikacyjne/f:Nazwa'),
    buyer: partyIdentifier(doc, '/f:Faktura/f:Podmiot2'),
    buyerName: text(doc, '/f:Faktura/f:Podmiot2/f:DaneIdentyfikacyjne/f:Nazwa'),
    issueDate: fa.get('P_1') ?? '',
    invoiceNumber: fa.get('P_2') ?? '',
    invoiceKind: fa.get('RodzajFaktury') ?? '',
    currency,
    netAmount: total(fa, NET),
    vatAmount: currency === 'PLN' ? total(fa, VAT) : total(fa, VAT_PLN),
    grossAmount: Number(fa.get('P_15') ?? '0'),
    isSelfInvoicing: text(doc, '/f:Faktura/f:Fa/f:Adnotacje/f:P_17') === '1',
    hasAttachment: doc.get('/f:Faktura/f:Zalacznik', NS) !== null,
    thirdSubjects,
    authorizedSubject:
      authorized && authorizedNip
        ? {
            nip: authorizedNip,
            name: text(authorized, './f:DaneIdentyfikacyjne/f:Nazwa'),
            role: Number(text(authorized, './f:RolaPU') ?? '0'),
          }
        : null,
  };
}
