import type { XmlDocument, XmlElement } from 'libxml2-wasm' with { 'resolution-mode': 'import' };
import type { InvoiceFacts, PartyIdentifier } from '../domain/stored-invoice';

export const FA3_NAMESPACE = 'http://crd.gov.pl/wzor/2025/06/25/13775/';
const NS = { f: FA3_NAMESPACE };

function text(doc: XmlDocument | XmlElement, xpath: string): string | null {
  const node = doc.get(xpath, NS);
  const value = node?.content.trim();
  return value ? value : null;
}

function sum(doc: XmlDocument, names: string[]): number {
  let total = 0;
  for (const name of names) {
    const value = text(doc, `/f:Faktura/f:Fa/f:${name}`);
    if (value) total += Number(value);
  }
  return Math.round(total * 100) / 100;
}

function partyIdentifier(doc: XmlDocument | XmlElement, base: string): PartyIdentifier {
  const nip = text(doc, `${base}/f:DaneIdentyfikacyjne/f:NIP`);
  if (nip) return { type: 'Nip', value: nip };
  const internal = text(doc, `${base}/f:DaneIdentyfikacyjne/f:IDWew`);
  if (internal) return { type: 'InternalId', value: internal };
  const euCode = text(doc, `${base}/f:DaneIdentyfikacyjne/f:KodUE`);
  const euNumber = text(doc, `${base}/f:DaneIdentyfikacyjne/f:NrVatUE`);
  if (euCode && euNumber) return { type: 'VatUe', value: `${euCode}${euNumber}` };
  const other = text(doc, `${base}/f:DaneIdentyfikacyjne/f:NrID`);
  if (other) return { type: 'Other', value: other };
  return { type: 'None', value: null };
}

const NET = [
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
];
const VAT = ['P_14_1', 'P_14_2', 'P_14_3', 'P_14_4', 'P_14_5'];
const VAT_PLN = ['P_14_1W', 'P_14_2W', 'P_14_3W', 'P_14_4W'];

/** Reads the fields KSeF logic and metadata use from a schema-valid FA(3) document. */
export function readInvoiceFacts(doc: XmlDocument): InvoiceFacts {
  const currency = text(doc, '/f:Faktura/f:Fa/f:KodWaluty') ?? 'PLN';
  const thirdSubjects = doc.find('/f:Faktura/f:Podmiot3', NS).map((node) => {
    const element = node as XmlElement;
    return {
      identifier: partyIdentifier(element, '.'),
      name: text(element, './f:DaneIdentyfikacyjne/f:Nazwa'),
      role: Number(text(element, './f:Rola') ?? '0'),
    };
  });
  const authorizedNip = text(doc, '/f:Faktura/f:PodmiotUpowazniony/f:DaneIdentyfikacyjne/f:NIP');
  return {
    sellerNip: text(doc, '/f:Faktura/f:Podmiot1/f:DaneIdentyfikacyjne/f:NIP') ?? '',
    sellerName: text(doc, '/f:Faktura/f:Podmiot1/f:DaneIdentyfikacyjne/f:Nazwa'),
    buyer: partyIdentifier(doc, '/f:Faktura/f:Podmiot2'),
    buyerName: text(doc, '/f:Faktura/f:Podmiot2/f:DaneIdentyfikacyjne/f:Nazwa'),
    issueDate: text(doc, '/f:Faktura/f:Fa/f:P_1') ?? '',
    invoiceNumber: text(doc, '/f:Faktura/f:Fa/f:P_2') ?? '',
    invoiceKind: text(doc, '/f:Faktura/f:Fa/f:RodzajFaktury') ?? '',
    currency,
    netAmount: sum(doc, NET),
    vatAmount: currency === 'PLN' ? sum(doc, VAT) : sum(doc, VAT_PLN),
    grossAmount: Number(text(doc, '/f:Faktura/f:Fa/f:P_15') ?? '0'),
    isSelfInvoicing: text(doc, '/f:Faktura/f:Fa/f:Adnotacje/f:P_17') === '1',
    hasAttachment: doc.get('/f:Faktura/f:Zalacznik', NS) !== null,
    thirdSubjects,
    authorizedSubject: authorizedNip
      ? {
          nip: authorizedNip,
          name: text(doc, '/f:Faktura/f:PodmiotUpowazniony/f:DaneIdentyfikacyjne/f:Nazwa'),
          role: Number(text(doc, '/f:Faktura/f:PodmiotUpowazniony/f:RolaPU') ?? '0'),
        }
      : null,
  };
}
