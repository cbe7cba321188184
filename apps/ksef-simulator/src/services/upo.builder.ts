import { createHash } from 'node:crypto';
import { isoDateTime } from '../core/dates';
import type { ContextIdentifier } from '../domain/identifiers';
import { sessionInvoicesTable, type FormCode, type SessionInvoiceRecord, type SessionRecord } from '../domain/session';
import { storedInvoicesTable } from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';
import type { KsefEnvironment } from '../simulator-options';

const UPO_NS = 'http://upo.schematy.mf.gov.pl/KSeF/v4-3';
export const UPO_PAGE_SIZE = 10_000;

/** PRD matches the XSD's fixed value; TEST/DEMO use the names KSeF really sends (documented XSD mismatch). */
const RECEIVER: Record<KsefEnvironment, string> = {
  PRD: 'Ministerstwo Finansów',
  TEST: 'Ministerstwo Finansów - środowisko testowe (TE)',
  DEMO: 'Ministerstwo Finansów - środowisko przedprodukcyjne (TR)',
};

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function contextElement(context: ContextIdentifier): string {
  switch (context.type) {
    case 'Nip':
      return `<Nip>${esc(context.value)}</Nip>`;
    case 'InternalId':
      return `<IdWewnetrzny>${esc(context.value)}</IdWewnetrzny>`;
    case 'NipVatUe':
      return `<IdZlozonyVatUE>${esc(context.value)}</IdZlozonyVatUE>`;
    case 'PeppolId':
      return `<IdDostawcyUslugPeppol>${esc(context.value)}</IdDostawcyUslugPeppol>`;
  }
}

export function logicalStructureName(formCode: FormCode): string {
  return `Schemat_${formCode.systemCode.replaceAll(' ', '')}_v${formCode.schemaVersion}.xsd`;
}

export interface UpoDocument {
  invoice: SessionInvoiceRecord;
  sellerNip: string;
  issueDate: string;
}

function documentXml(entry: UpoDocument): string {
  const invoice = entry.invoice;
  return (
    `<Dokument><NipSprzedawcy>${esc(entry.sellerNip)}</NipSprzedawcy><NumerKSeFDokumentu>${invoice.ksefNumber ?? ''}</NumerKSeFDokumentu>` +
    `<NumerFaktury>${esc(invoice.invoiceNumber ?? '')}</NumerFaktury><DataWystawieniaFaktury>${entry.issueDate}</DataWystawieniaFaktury>` +
    `<DataPrzeslaniaDokumentu>${isoDateTime(invoice.invoicingDate)}</DataPrzeslaniaDokumentu>` +
    `<DataNadaniaNumeruKSeF>${isoDateTime(invoice.acquisitionDate ?? invoice.invoicingDate)}</DataNadaniaNumeruKSeF>` +
    `<SkrotDokumentu>${invoice.invoiceHash}</SkrotDokumentu><TrybWysylki>${invoice.invoicingMode ?? 'Online'}</TrybWysylki></Dokument>`
  );
}

function upoXml(
  environment: KsefEnvironment,
  session: SessionRecord,
  documents: UpoDocument[],
  page: { number: number; pages: number; from: number; to: number; total: number } | null,
): Buffer {
  const proof = session.ksefTokenReferenceNumber
    ? `<NumerReferencyjnyTokenaKSeF>${session.ksefTokenReferenceNumber}</NumerReferencyjnyTokenaKSeF>`
    : `<SkrotDokumentuUwierzytelniajacego>${session.authDocumentHash ?? ''}</SkrotDokumentuUwierzytelniajacego>`;
  const description = page
    ? `<OpisPotwierdzenia><Strona>${page.number}</Strona><LiczbaStron>${page.pages}</LiczbaStron><ZakresDokumentowOd>${page.from}</ZakresDokumentowOd>` +
      `<ZakresDokumentowDo>${page.to}</ZakresDokumentowDo><CalkowitaLiczbaDokumentow>${page.total}</CalkowitaLiczbaDokumentow></OpisPotwierdzenia>`
    : '';
  const xml =
    `<?xml version="1.0" encoding="utf-8"?><Potwierdzenie xmlns="${UPO_NS}" wersjaSchemy="4-3">` +
    `<NazwaPodmiotuPrzyjmujacego>${RECEIVER[environment]}</NazwaPodmiotuPrzyjmujacego>` +
    `<NumerReferencyjnySesji>${session.referenceNumber}</NumerReferencyjnySesji>` +
    `<Uwierzytelnienie><IdKontekstu>${contextElement(session.context)}</IdKontekstu>${proof}</Uwierzytelnienie>` +
    description +
    `<NazwaStrukturyLogicznej>${logicalStructureName(session.formCode)}</NazwaStrukturyLogicznej>` +
    `<KodFormularza>${esc(session.formCode.systemCode)}</KodFormularza>` +
    documents.map(documentXml).join('') +
    `</Potwierdzenie>`;
  return Buffer.from(xml, 'utf8');
}

/** Per-invoice UPO: one Dokument, no OpisPotwierdzenia. */
export function buildInvoiceUpo(environment: KsefEnvironment, session: SessionRecord, document: UpoDocument): Buffer {
  return upoXml(environment, session, [document], null);
}

export function upoPageCount(acceptedInvoices: number): number {
  return Math.max(1, Math.ceil(acceptedInvoices / UPO_PAGE_SIZE));
}

/** Page `index` (0-based) of a session UPO: at most 10,000 documents per page. */
export function buildSessionUpoPage(
  environment: KsefEnvironment,
  session: SessionRecord,
  documents: UpoDocument[],
  index: number,
): Buffer {
  const slice = documents.slice(index * UPO_PAGE_SIZE, (index + 1) * UPO_PAGE_SIZE);
  const from = index * UPO_PAGE_SIZE + 1;
  return upoXml(environment, session, slice, {
    number: index + 1,
    pages: upoPageCount(documents.length),
    from,
    to: from + slice.length - 1,
    total: documents.length,
  });
}

export function sha256Base64(data: Buffer): string {
  return createHash('sha256').update(data).digest('base64');
}

/**
 * Per-invoice UPO of an accepted invoice, built on demand from stored data (byte-identical on every call, so
 * `x-ms-meta-hash` is stable) instead of keeping ~1 KB per invoice in memory.
 */
export function invoiceUpoXml(
  ctx: SimulatorContext,
  session: SessionRecord,
  invoice: SessionInvoiceRecord,
): Buffer | null {
  if (invoice.status.code !== 200 || !invoice.ksefNumber) return null;
  const stored = storedInvoicesTable(ctx.store).get(invoice.ksefNumber);
  if (!stored) return null;
  return buildInvoiceUpo(ctx.options.environment, session, {
    invoice,
    sellerNip: stored.sellerNip,
    issueDate: stored.issueDate,
  });
}

/** Session UPO page by its reference number, built on demand (deterministic, so hashes are stable). */
export function sessionUpoPageXml(ctx: SimulatorContext, session: SessionRecord, upoRef: string): Buffer | null {
  const index = session.upoPages?.findIndex((p) => p.referenceNumber === upoRef) ?? -1;
  if (index < 0) return null;
  const stored = storedInvoicesTable(ctx.store);
  const table = sessionInvoicesTable(ctx.store);
  const documents: UpoDocument[] = [];
  for (const ref of session.invoiceRefs) {
    const invoice = table.get(ref);
    const record = invoice?.ksefNumber ? stored.get(invoice.ksefNumber) : undefined;
    if (invoice && record && invoice.status.code === 200) {
      documents.push({ invoice, sellerNip: record.sellerNip, issueDate: record.issueDate });
    }
  }
  return buildSessionUpoPage(ctx.options.environment, session, documents, index);
}
