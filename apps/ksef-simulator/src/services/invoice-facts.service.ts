import { DOMParser, type Element } from '@xmldom/xmldom';
import type {
  BuyerIdentifierType,
  FormCodeValue,
  InvoiceFacts,
  ThirdSubjectIdentifierType,
} from '../domain/stored-invoice';

/** FA(3) RodzajFaktury -> metadata `invoiceType`. */
const INVOICE_TYPES: Record<string, string> = {
  VAT: 'Vat',
  KOR: 'Kor',
  ZAL: 'Zal',
  ROZ: 'Roz',
  UPR: 'Upr',
  KOR_ZAL: 'KorZal',
  KOR_ROZ: 'KorRoz',
};

function children(parent: Element | null | undefined, name: string): Element[] {
  if (!parent) return [];
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === name) out.push(node as Element);
  }
  return out;
}

const child = (parent: Element | null | undefined, name: string): Element | null => children(parent, name)[0] ?? null;
const text = (parent: Element | null | undefined, name: string): string | null =>
  child(parent, name)?.textContent?.trim() ?? null;

function sumOf(parent: Element | null, names: string[]): number {
  let total = 0;
  for (const name of names) {
    const value = text(parent, name);
    if (value !== null && value !== '') total += Number(value);
  }
  return Math.round(total * 100) / 100;
}

const NET_FIELDS = ['P_13_1', 'P_13_2', 'P_13_3', 'P_13_4', 'P_13_5', 'P_13_6_1', 'P_13_6_2', 'P_13_6_3', 'P_13_7', 'P_13_8', 'P_13_9', 'P_13_10', 'P_13_11'];
const VAT_FIELDS = ['P_14_1', 'P_14_2', 'P_14_3', 'P_14_4', 'P_14_5'];

/** VAT in PLN: per rate, the `W` field (PLN conversion of a foreign-currency invoice) wins over the plain one. */
function vatInPln(fa: Element): number {
  return Math.round(VAT_FIELDS.reduce((sum, f) => sum + Number(text(fa, `${f}W`) || text(fa, f) || 0), 0) * 100) / 100;
}

function identifierOf(data: Element | null): { type: ThirdSubjectIdentifierType; value: string | null } {
  const nip = text(data, 'NIP');
  if (nip) return { type: 'Nip', value: nip };
  const internal = text(data, 'IDWew');
  if (internal) return { type: 'InternalId', value: internal };
  const euCode = text(data, 'KodUE');
  const euNumber = text(data, 'NrVatUE');
  if (euCode && euNumber) return { type: 'VatUe', value: `${euCode}${euNumber}` };
  const other = text(data, 'NrID');
  if (other) return { type: 'Other', value: other };
  return { type: 'None', value: null };
}

export class InvoiceFactsError extends Error {}

/**
 * Reads the facts KSeF keeps as invoice metadata from an FA(3) document (already XSD-valid when it comes
 * from invoice processing). Throws InvoiceFactsError when the document is not an invoice at all.
 */
export function readInvoiceFacts(xml: Buffer): { facts: InvoiceFacts; formCode: FormCodeValue } {
  let root: Element | null;
  try {
    root = new DOMParser().parseFromString(xml.toString('utf8'), 'text/xml').documentElement;
  } catch (error) {
    throw new InvoiceFactsError(`Nieprawidłowy dokument XML: ${(error as Error).message}`);
  }
  if (!root || root.localName !== 'Faktura') throw new InvoiceFactsError('Dokument nie jest fakturą (brak elementu Faktura).');
  const header = child(root, 'Naglowek');
  const formElement = child(header, 'KodFormularza');
  const formCode: FormCodeValue = {
    systemCode: formElement?.getAttribute('kodSystemowy') ?? 'FA (3)',
    schemaVersion: formElement?.getAttribute('wersjaSchemy') ?? '1-0E',
    value: formElement?.textContent?.trim() || 'FA',
  };
  const sellerData = child(child(root, 'Podmiot1'), 'DaneIdentyfikacyjne');
  const buyerData = child(child(root, 'Podmiot2'), 'DaneIdentyfikacyjne');
  const fa = child(root, 'Fa');
  const sellerNip = text(sellerData, 'NIP');
  if (!sellerNip || !fa) throw new InvoiceFactsError('Brak NIP sprzedawcy (Podmiot1) lub elementu Fa.');

  const buyerId = identifierOf(buyerData);
  const buyerType: BuyerIdentifierType = buyerId.type === 'InternalId' ? 'Other' : buyerId.type;
  const authorized = child(root, 'PodmiotUpowazniony');
  const authorizedNip = text(child(authorized, 'DaneIdentyfikacyjne'), 'NIP');
  const annotations = child(fa, 'Adnotacje');

  return {
    formCode,
    facts: {
      invoiceNumber: text(fa, 'P_2') ?? '',
      issueDate: text(fa, 'P_1') ?? '',
      seller: { nip: sellerNip, name: text(sellerData, 'Nazwa') },
      buyer: { identifier: { type: buyerType, value: buyerId.value }, name: text(buyerData, 'Nazwa') },
      thirdSubjects: children(root, 'Podmiot3').map((subject) => {
        const data = child(subject, 'DaneIdentyfikacyjne');
        const role = text(subject, 'Rola');
        return { identifier: identifierOf(data), name: text(data, 'Nazwa'), role: role ? Number(role) : 0 };
      }),
      authorizedSubject: authorizedNip
        ? {
            nip: authorizedNip,
            name: text(child(authorized, 'DaneIdentyfikacyjne'), 'Nazwa'),
            role: Number(text(authorized, 'RolaPU') ?? '1'),
          }
        : null,
      netAmount: sumOf(fa, NET_FIELDS),
      grossAmount: sumOf(fa, ['P_15']),
      vatAmount: vatInPln(fa),
      currency: text(fa, 'KodWaluty') ?? 'PLN',
      invoiceType: INVOICE_TYPES[text(fa, 'RodzajFaktury') ?? 'VAT'] ?? 'Vat',
      isSelfInvoicing: text(annotations, 'P_17') === '1',
      hasAttachment: child(root, 'Zalacznik') !== null,
    },
  };
}
