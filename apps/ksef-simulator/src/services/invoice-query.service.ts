import { isoDateTime } from '../core/dates';
import { KsefError, validationError } from '../core/errors';
import type { ContextIdentifier } from '../domain/identifiers';
import { retrievalSettings } from '../domain/retrieval-settings';
import { storedInvoicesTable, type StoredInvoiceRecord } from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';
import { permanentStorageHwm } from './permanent-storage.service';

export type SubjectType = 'Subject1' | 'Subject2' | 'Subject3' | 'SubjectAuthorized';
export type DateType = 'Issue' | 'Invoicing' | 'PermanentStorage';

export interface InvoiceQueryFilters {
  subjectType: SubjectType;
  dateRange: {
    dateType: DateType;
    from: string;
    to?: string | null;
    restrictToPermanentStorageHwmDate?: boolean | null;
  };
  ksefNumber?: string | null;
  invoiceNumber?: string | null;
  amount?: { type: 'Brutto' | 'Netto' | 'Vat'; from?: number | null; to?: number | null } | null;
  sellerNip?: string | null;
  buyerIdentifier?: { type: string; value?: string | null } | null;
  currencyCodes?: string[] | null;
  invoicingMode?: 'Online' | 'Offline' | null;
  isSelfInvoicing?: boolean | null;
  formType?: 'FA' | 'PEF' | 'FA_RR' | null;
  invoiceTypes?: string[] | null;
  hasAttachment?: boolean | null;
}

/** The NIP a context stands for (a NipVatUe context `{nip}-{vatUe}` acts for its NIP). */
function contextNip(context: ContextIdentifier): string | null {
  if (context.type === 'Nip') return context.value;
  if (context.type === 'NipVatUe') return context.value.split('-')[0] ?? null;
  return null;
}

/** Whether the invoice belongs to the caller's view: seller, buyer, third party or authorised subject. */
export function inView(invoice: StoredInvoiceRecord, context: ContextIdentifier, subjectType: SubjectType): boolean {
  const nip = contextNip(context);
  switch (subjectType) {
    case 'Subject1':
      return nip !== null && invoice.sellerNip === nip;
    case 'Subject2':
      return nip !== null && invoice.buyer.type === 'Nip' && invoice.buyer.value === nip;
    case 'Subject3':
      return invoice.thirdSubjects.some(
        (s) =>
          (s.identifier.type === 'Nip' && s.identifier.value === nip) ||
          (s.identifier.type === 'InternalId' && s.identifier.value === context.value),
      );
    case 'SubjectAuthorized':
      return nip !== null && invoice.authorizedSubject?.nip === nip;
  }
}

export function visibleToContext(invoice: StoredInvoiceRecord, context: ContextIdentifier): boolean {
  return (['Subject1', 'Subject2', 'Subject3', 'SubjectAuthorized'] as const).some((s) => inView(invoice, context, s));
}

function dateOf(invoice: StoredInvoiceRecord, dateType: DateType): number {
  switch (dateType) {
    case 'Issue':
      return Date.parse(`${invoice.issueDate}T00:00:00Z`);
    case 'Invoicing':
      return invoice.invoicingDate;
    case 'PermanentStorage':
      return invoice.permanentStorageDate;
  }
}

function parseDate(value: string, path: string): number {
  // Values without an offset are Warsaw local time; the contract's date-time format requires one anyway.
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw validationError(`${path}: nieprawidłowa data (${value})`);
  return ms;
}

function addMonths(epochMs: number, months: number): number {
  const date = new Date(epochMs);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

export interface ResolvedRange {
  from: number;
  to: number;
  hwm: number | null;
}

/** Validates the date range (3-month span, HWM restriction) and resolves it to epoch ms. */
export function resolveRange(ctx: SimulatorContext, filters: InvoiceQueryFilters): ResolvedRange {
  const now = ctx.clock.now();
  const range = filters.dateRange;
  const from = parseDate(range.from, 'dateRange.from');
  let to = range.to ? parseDate(range.to, 'dateRange.to') : now;
  const isStorage = range.dateType === 'PermanentStorage';
  const hwm = isStorage ? permanentStorageHwm(ctx) : null;
  if (range.restrictToPermanentStorageHwmDate) {
    if (hwm === null) {
      throw validationError(
        'dateRange.restrictToPermanentStorageHwmDate: dozwolone tylko dla dateType PermanentStorage',
      );
    }
    if (from > hwm) {
      throw new KsefError(21183, 'Zakres filtrowania wykracza poza dostępny zakres danych.', [
        `dateRange.from (${range.from}) jest późniejsza niż permanentStorageHwmDate (${isoDateTime(hwm)}).`,
      ]);
    }
    to = Math.min(to, hwm);
  }
  if (to < from) throw validationError('dateRange.to: data końcowa jest wcześniejsza niż początkowa');
  if (to > addMonths(from, 3)) throw validationError('dateRange: zakres dat nie może przekraczać 3 miesięcy');
  return { from, to, hwm };
}

function amountOf(invoice: StoredInvoiceRecord, type: 'Brutto' | 'Netto' | 'Vat'): number {
  return type === 'Brutto' ? invoice.grossAmount : type === 'Netto' ? invoice.netAmount : invoice.vatAmount;
}

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

export const invoiceTypeOf = (invoice: StoredInvoiceRecord): string => INVOICE_TYPES[invoice.invoiceKind] ?? 'Vat';

/** Metadata knows no InternalId buyer; such an identifier is reported as Other. */
function buyerIdentifier(invoice: StoredInvoiceRecord) {
  return invoice.buyer.type === 'InternalId' ? { type: 'Other' as const, value: invoice.buyer.value } : invoice.buyer;
}

function matches(invoice: StoredInvoiceRecord, f: InvoiceQueryFilters): boolean {
  const facts = invoice;
  if (f.ksefNumber && invoice.ksefNumber !== f.ksefNumber) return false;
  if (f.invoiceNumber && facts.invoiceNumber !== f.invoiceNumber) return false;
  if (f.sellerNip && facts.sellerNip !== f.sellerNip) return false;
  if (f.buyerIdentifier) {
    const buyer = buyerIdentifier(invoice);
    if (buyer.type !== f.buyerIdentifier.type) return false;
    if (f.buyerIdentifier.value && buyer.value !== f.buyerIdentifier.value) return false;
  }
  if (f.amount) {
    const amount = amountOf(invoice, f.amount.type);
    if (f.amount.from !== undefined && f.amount.from !== null && amount < f.amount.from) return false;
    if (f.amount.to !== undefined && f.amount.to !== null && amount > f.amount.to) return false;
  }
  if (f.currencyCodes && f.currencyCodes.length > 0 && !f.currencyCodes.includes(facts.currency)) return false;
  if (f.invoicingMode && invoice.invoicingMode !== f.invoicingMode) return false;
  if (typeof f.isSelfInvoicing === 'boolean' && facts.isSelfInvoicing !== f.isSelfInvoicing) return false;
  if (f.formType && invoice.formCode.value !== f.formType) return false;
  if (f.invoiceTypes && f.invoiceTypes.length > 0 && !f.invoiceTypes.includes(invoiceTypeOf(invoice))) return false;
  if (typeof f.hasAttachment === 'boolean' && facts.hasAttachment !== f.hasAttachment) return false;
  return true;
}

/**
 * Every permanently stored invoice of the caller's view that matches the filters, sorted by the date of
 * `dateType` (ties by KSeF number so paging is stable).
 */
export function findInvoices(
  ctx: SimulatorContext,
  context: ContextIdentifier,
  filters: InvoiceQueryFilters,
  range: ResolvedRange,
  order: 'Asc' | 'Desc',
): StoredInvoiceRecord[] {
  const now = ctx.clock.now();
  const dateType = filters.dateRange.dateType;
  const found: { invoice: StoredInvoiceRecord; date: number }[] = [];
  for (const invoice of storedInvoicesTable(ctx.store).values()) {
    if (invoice.permanentStorageDate > now) continue;
    const date = dateOf(invoice, dateType);
    if (date < range.from || date > range.to) continue;
    if (!inView(invoice, context, filters.subjectType) || !matches(invoice, filters)) continue;
    found.push({ invoice, date });
  }
  const sign = order === 'Asc' ? 1 : -1;
  found.sort((a, b) => sign * (a.date - b.date || (a.invoice.ksefNumber < b.invoice.ksefNumber ? -1 : 1)));
  return found.map((f) => f.invoice);
}

export function invoiceMetadata(invoice: StoredInvoiceRecord) {
  return {
    ksefNumber: invoice.ksefNumber,
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    invoicingDate: isoDateTime(invoice.invoicingDate),
    acquisitionDate: isoDateTime(invoice.acquisitionDate),
    permanentStorageDate: isoDateTime(invoice.permanentStorageDate),
    seller: { nip: invoice.sellerNip, name: invoice.sellerName },
    buyer: { identifier: buyerIdentifier(invoice), name: invoice.buyerName },
    netAmount: invoice.netAmount,
    grossAmount: invoice.grossAmount,
    vatAmount: invoice.vatAmount,
    currency: invoice.currency,
    invoicingMode: invoice.invoicingMode,
    invoiceType: invoiceTypeOf(invoice),
    formCode: invoice.formCode,
    isSelfInvoicing: invoice.isSelfInvoicing,
    hasAttachment: invoice.hasAttachment,
    invoiceHash: invoice.invoiceHash,
    hashOfCorrectedInvoice: invoice.hashOfCorrectedInvoice,
    thirdSubjects: invoice.thirdSubjects.length > 0 ? invoice.thirdSubjects : null,
    authorizedSubject: invoice.authorizedSubject,
  };
}

/** POST /invoices/query/metadata: one page of the capped, sorted result. */
export function queryMetadata(
  ctx: SimulatorContext,
  context: ContextIdentifier,
  filters: InvoiceQueryFilters,
  order: 'Asc' | 'Desc',
  pageOffset: number,
  pageSize: number,
) {
  const range = resolveRange(ctx, filters);
  const all = findInvoices(ctx, context, filters, range, order);
  const cap = retrievalSettings(ctx.store).metadataCap;
  const capped = all.length > cap ? all.slice(0, cap) : all;
  const start = pageOffset * pageSize;
  const end = start + pageSize;
  const truncated = all.length > cap && end >= cap;
  return {
    hasMore: end < capped.length || truncated,
    isTruncated: truncated,
    permanentStorageHwmDate: range.hwm === null ? null : isoDateTime(range.hwm),
    invoices: capped.slice(start, end).map(invoiceMetadata),
  };
}

/** GET /invoices/ksef/{n}: 21164 unknown or not the caller's; 21165 not yet permanently stored. */
export function downloadInvoice(
  ctx: SimulatorContext,
  context: ContextIdentifier,
  ksefNumber: string,
): StoredInvoiceRecord {
  const invoice = storedInvoicesTable(ctx.store).get(ksefNumber);
  if (!invoice || !visibleToContext(invoice, context)) {
    throw new KsefError(21164, 'Faktura o podanym identyfikatorze nie istnieje.', [ksefNumber]);
  }
  if (invoice.permanentStorageDate > ctx.clock.now()) {
    throw new KsefError(21165, 'Faktura o podanym numerze KSeF nie jest jeszcze dostępna.', [ksefNumber]);
  }
  return invoice;
}
