import type { FastifyRequest } from 'fastify';
import { DAY, isoDateTime } from '../core/dates';
import { KsefError, validationError } from '../core/errors';
import { page } from '../core/paging';
import type { RequestAuth } from '../core/request-auth';
import {
  isFinalInvoiceStatus,
  sessionInvoicesTable,
  sessionsTable,
  type SessionInvoiceRecord,
  type SessionRecord,
} from '../domain/session';
import type { SimulatorContext } from '../simulator-context';
import { findSession, invoicesOfSession } from './session-queries';
import { refreshSession } from './session-lifecycle.service';
import { invoiceUpoXml, sessionUpoPageXml } from './upo.builder';

/** Pre-signed download links live ~3 days, like KSeF's storage URLs; regenerated on every status call. */
const DOWNLOAD_URL_LIFETIME_MS = 3 * DAY;

function downloadUrl(ctx: SimulatorContext, request: FastifyRequest, path: string) {
  const expiresAt = ctx.clock.now() + DOWNLOAD_URL_LIFETIME_MS;
  return { url: ctx.urls.sign(ctx.baseUrl(request), path, expiresAt), expiresAt: isoDateTime(expiresAt) };
}

export function invoiceUpoPath(invoice: SessionInvoiceRecord): string {
  return `/storage/upo/${invoice.sessionReferenceNumber}/invoices/${invoice.referenceNumber}`;
}

export function sessionUpoPath(sessionRef: string, upoRef: string): string {
  return `/storage/upo/${sessionRef}/pages/${upoRef}`;
}

function counts(ctx: SimulatorContext, session: SessionRecord) {
  const invoices = invoicesOfSession(ctx, session);
  const successful = invoices.filter((i) => i.status.code === 200).length;
  const failed = invoices.filter((i) => isFinalInvoiceStatus(i.status.code) && i.status.code !== 200).length;
  return { total: invoices.length, successful, failed };
}

export function sessionStatus(
  ctx: SimulatorContext,
  request: FastifyRequest,
  auth: RequestAuth,
  referenceNumber: string,
) {
  const session = findSession(ctx, auth, referenceNumber);
  const { total, successful, failed } = counts(ctx, session);
  return {
    status: session.status,
    dateCreated: isoDateTime(session.dateCreated),
    dateUpdated: isoDateTime(session.dateUpdated),
    validUntil: session.status.code === 100 ? isoDateTime(session.validUntil) : null,
    upo: session.upoPages
      ? {
          pages: session.upoPages.map((p) => {
            const link = downloadUrl(ctx, request, sessionUpoPath(session.referenceNumber, p.referenceNumber));
            return {
              referenceNumber: p.referenceNumber,
              downloadUrl: link.url,
              downloadUrlExpirationDate: link.expiresAt,
            };
          }),
        }
      : null,
    invoiceCount: total,
    successfulInvoiceCount: successful,
    failedInvoiceCount: failed,
  };
}

export function invoiceView(ctx: SimulatorContext, request: FastifyRequest, invoice: SessionInvoiceRecord) {
  const link = invoice.status.code === 200 ? downloadUrl(ctx, request, invoiceUpoPath(invoice)) : null;
  return {
    ordinalNumber: invoice.ordinalNumber,
    invoiceNumber: invoice.invoiceNumber,
    ksefNumber: invoice.ksefNumber,
    referenceNumber: invoice.referenceNumber,
    invoiceHash: invoice.invoiceHash,
    invoiceFileName: invoice.invoiceFileName,
    acquisitionDate: invoice.acquisitionDate ? isoDateTime(invoice.acquisitionDate) : null,
    invoicingDate: isoDateTime(invoice.invoicingDate),
    permanentStorageDate: invoice.permanentStorageDate ? isoDateTime(invoice.permanentStorageDate) : null,
    upoDownloadUrl: link?.url ?? null,
    upoDownloadUrlExpirationDate: link?.expiresAt ?? null,
    invoicingMode: invoice.invoicingMode,
    status: invoice.status,
  };
}

export function sessionInvoices(
  ctx: SimulatorContext,
  request: FastifyRequest,
  auth: RequestAuth,
  referenceNumber: string,
  offset: number,
  pageSize: number,
  onlyFailed: boolean,
) {
  const session = findSession(ctx, auth, referenceNumber);
  let invoices = invoicesOfSession(ctx, session);
  if (onlyFailed) invoices = invoices.filter((i) => isFinalInvoiceStatus(i.status.code) && i.status.code !== 200);
  const { slice, continuationToken } = page(invoices, offset, pageSize);
  return { continuationToken, invoices: slice.map((invoice) => invoiceView(ctx, request, invoice)) };
}

export function findSessionInvoice(
  ctx: SimulatorContext,
  auth: RequestAuth,
  referenceNumber: string,
  invoiceRef: string,
) {
  const session = findSession(ctx, auth, referenceNumber);
  const invoice = sessionInvoicesTable(ctx.store).get(invoiceRef);
  if (!invoice || invoice.sessionReferenceNumber !== session.referenceNumber) {
    throw new KsefError(21173, 'Brak faktury o wskazanym numerze referencyjnym w sesji.', [
      `Faktura ${invoiceRef} nie istnieje.`,
    ]);
  }
  return invoice;
}

export function invoiceUpo(
  ctx: SimulatorContext,
  auth: RequestAuth,
  referenceNumber: string,
  select: { invoiceRef?: string; ksefNumber?: string },
): Buffer {
  const session = findSession(ctx, auth, referenceNumber);
  const invoice = invoicesOfSession(ctx, session).find((i) =>
    select.invoiceRef ? i.referenceNumber === select.invoiceRef : i.ksefNumber === select.ksefNumber,
  );
  const xml = invoice ? invoiceUpoXml(ctx, session, invoice) : null;
  if (!xml) throw new KsefError(21178, 'Nie znaleziono UPO dla podanych kryteriów.');
  return xml;
}

export function sessionUpoPage(
  ctx: SimulatorContext,
  auth: RequestAuth,
  referenceNumber: string,
  upoRef: string,
): Buffer {
  const session = findSession(ctx, auth, referenceNumber);
  const xml = sessionUpoPageXml(ctx, session, upoRef);
  if (!xml) throw new KsefError(21178, 'Nie znaleziono UPO dla podanych kryteriów.');
  return xml;
}

const LIST_STATUS: Record<string, (s: SessionRecord) => boolean> = {
  InProgress: (s) => [100, 150, 170].includes(s.status.code),
  Succeeded: (s) => s.status.code === 200,
  Failed: (s) => ![100, 150, 170, 200, 440].includes(s.status.code),
  Cancelled: (s) => s.status.code === 440,
};

export interface SessionListQuery {
  sessionType?: string;
  referenceNumber?: string;
  dateCreatedFrom?: string;
  dateCreatedTo?: string;
  dateClosedFrom?: string;
  dateClosedTo?: string;
  dateModifiedFrom?: string;
  dateModifiedTo?: string;
  statuses?: string | string[];
}

function dateFilter(value: string | undefined, name: string): number | null {
  if (!value) return null;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw validationError(`${name}: nieprawidłowa data`);
  return parsed;
}

export function listSessions(
  ctx: SimulatorContext,
  auth: RequestAuth,
  query: SessionListQuery,
  offset: number,
  pageSize: number,
) {
  if (query.sessionType !== 'Online' && query.sessionType !== 'Batch') {
    throw validationError('sessionType: wymagany parametr (Online lub Batch)');
  }
  const statuses =
    query.statuses === undefined ? [] : Array.isArray(query.statuses) ? query.statuses : [query.statuses];
  for (const status of statuses) if (!LIST_STATUS[status]) throw validationError(`statuses: nieznany status ${status}`);
  const bounds = {
    createdFrom: dateFilter(query.dateCreatedFrom, 'dateCreatedFrom'),
    createdTo: dateFilter(query.dateCreatedTo, 'dateCreatedTo'),
    closedFrom: dateFilter(query.dateClosedFrom, 'dateClosedFrom'),
    closedTo: dateFilter(query.dateClosedTo, 'dateClosedTo'),
    modifiedFrom: dateFilter(query.dateModifiedFrom, 'dateModifiedFrom'),
    modifiedTo: dateFilter(query.dateModifiedTo, 'dateModifiedTo'),
  };
  // InvoiceWrite alone sees only the sessions it opened; Introspection/EnforcementOperations see all of the context.
  const seesAll = auth.permissions.includes('Introspection') || auth.permissions.includes('EnforcementOperations');
  const sessions = [...sessionsTable(ctx.store).values()]
    .filter((s) => s.contextKey === auth.contextKey && s.type === query.sessionType)
    .filter((s) => seesAll || s.authOperationReferenceNumber === auth.operation.referenceNumber)
    .map((s) => {
      refreshSession(ctx, s);
      return s;
    })
    .filter((s) => !query.referenceNumber || s.referenceNumber === query.referenceNumber)
    .filter((s) => statuses.length === 0 || statuses.some((status) => LIST_STATUS[status]!(s)))
    .filter((s) => bounds.createdFrom === null || s.dateCreated >= bounds.createdFrom)
    .filter((s) => bounds.createdTo === null || s.dateCreated <= bounds.createdTo)
    .filter((s) => bounds.closedFrom === null || (s.closedAt !== null && s.closedAt >= bounds.closedFrom))
    .filter((s) => bounds.closedTo === null || (s.closedAt !== null && s.closedAt <= bounds.closedTo))
    .filter((s) => bounds.modifiedFrom === null || s.dateUpdated >= bounds.modifiedFrom)
    .filter((s) => bounds.modifiedTo === null || s.dateUpdated <= bounds.modifiedTo)
    .sort((a, b) => b.dateCreated - a.dateCreated);
  const { slice, continuationToken } = page(sessions, offset, pageSize);
  return {
    continuationToken,
    sessions: slice.map((s) => {
      const { total, successful, failed } = counts(ctx, s);
      return {
        referenceNumber: s.referenceNumber,
        status: s.status,
        dateCreated: isoDateTime(s.dateCreated),
        dateUpdated: isoDateTime(s.dateUpdated),
        validUntil: s.status.code === 100 ? isoDateTime(s.validUntil) : null,
        totalInvoiceCount: total,
        successfulInvoiceCount: successful,
        failedInvoiceCount: failed,
      };
    }),
  };
}
