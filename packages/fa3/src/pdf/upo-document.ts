import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { assertNoDtd, decodeXmlInput } from '../xml/xml-guard';

export const UPO_NAMESPACE = 'http://upo.schematy.mf.gov.pl/KSeF/v4-3';

/** One `Dokument` of a UPO v4-3. */
export interface UpoInvoice {
  sellerNip: string;
  ksefNumber: string;
  invoiceNumber: string;
  issueDate: string;
  submittedAt: string;
  ksefNumberAssignedAt: string;
  invoiceHash: string;
  mode: string;
}

/** UPO v4-3 (Potwierdzenie), the official receipt, as printed. */
export interface UpoDocument {
  receiverName: string;
  sessionReferenceNumber: string;
  context: { type: string; value: string };
  /** KSeF token reference number, or the hash of the signed authentication request. */
  authentication: { type: 'token' | 'signature'; value: string };
  page: { number: string; of: string; from: string; to: string; total: string } | null;
  structureName: string;
  formCode: string;
  documents: UpoInvoice[];
}

export class UpoParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpoParseError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  removeNSPrefix: true,
  processEntities: true,
  ignoreDeclaration: true,
  isArray: (name) => name === 'Dokument',
});

type Node = Record<string, unknown>;

/** Reads a UPO v4-3 XML (as KSeF returns it; an enclosing XAdES signature is ignored). */
export function parseUpo(input: string | Uint8Array): UpoDocument {
  const xml = decodeXmlInput(input, 10_000_000);
  assertNoDtd(xml);
  const syntax = XMLValidator.validate(xml);
  if (syntax !== true) throw new UpoParseError(`Niepoprawny XML UPO (wiersz ${syntax.err.line}): ${syntax.err.msg}`);
  if (!xml.includes(UPO_NAMESPACE)) throw new UpoParseError(`UPO musi mieć przestrzeń nazw ${UPO_NAMESPACE} (v4-3)`);
  const root = child(parser.parse(xml) as Node, 'Potwierdzenie');
  const auth = child(root, 'Uwierzytelnienie');
  const contextNode = child(auth, 'IdKontekstu');
  const [contextType = '', contextValue = ''] = Object.entries(contextNode).map(([k, v]) => [k, String(v)])[0] ?? [];
  const token = auth['NumerReferencyjnyTokenaKSeF'];
  const description = root['OpisPotwierdzenia'] as Node | undefined;
  return {
    receiverName: text(root, 'NazwaPodmiotuPrzyjmujacego'),
    sessionReferenceNumber: text(root, 'NumerReferencyjnySesji'),
    context: { type: contextType, value: contextValue },
    authentication:
      typeof token === 'string'
        ? { type: 'token', value: token }
        : { type: 'signature', value: text(auth, 'SkrotDokumentuUwierzytelniajacego') },
    page: description
      ? {
          number: text(description, 'Strona'),
          of: text(description, 'LiczbaStron'),
          from: text(description, 'ZakresDokumentowOd'),
          to: text(description, 'ZakresDokumentowDo'),
          total: text(description, 'CalkowitaLiczbaDokumentow'),
        }
      : null,
    structureName: text(root, 'NazwaStrukturyLogicznej'),
    formCode: text(root, 'KodFormularza'),
    documents: ((root['Dokument'] as Node[] | undefined) ?? []).map((d) => ({
      sellerNip: text(d, 'NipSprzedawcy'),
      ksefNumber: text(d, 'NumerKSeFDokumentu'),
      invoiceNumber: text(d, 'NumerFaktury'),
      issueDate: text(d, 'DataWystawieniaFaktury'),
      submittedAt: text(d, 'DataPrzeslaniaDokumentu'),
      ksefNumberAssignedAt: text(d, 'DataNadaniaNumeruKSeF'),
      invoiceHash: text(d, 'SkrotDokumentu'),
      mode: text(d, 'TrybWysylki'),
    })),
  };
}

function child(node: Node, name: string): Node {
  const value = node[name];
  if (typeof value !== 'object' || value === null) throw new UpoParseError(`Brak elementu ${name} w UPO`);
  return value as Node;
}

function text(node: Node, name: string): string {
  const value = node[name];
  if (typeof value !== 'string') throw new UpoParseError(`Brak elementu ${name} w UPO`);
  return value;
}
