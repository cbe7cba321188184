/** Names of the rate-limit groups exactly as `GET /rate-limits` returns them. */
export const RATE_LIMIT_GROUPS = [
  'onlineSession',
  'batchSession',
  'invoiceSend',
  'invoiceStatus',
  'sessionList',
  'sessionInvoiceList',
  'sessionMisc',
  'invoiceMetadata',
  'invoiceExport',
  'invoiceExportStatus',
  'invoiceDownload',
  'other',
] as const;

export type RateLimitGroup = (typeof RATE_LIMIT_GROUPS)[number];

/** Limits of one group; an absent window is not limited. */
export interface RateLimitWindows {
  perSecond?: number;
  perMinute?: number;
  perHour?: number;
}

export type RateLimitTable = Record<RateLimitGroup, RateLimitWindows>;

/** Documented production table (SPEC-NOTES §16.1), used until `/rate-limits` has been fetched. */
export const PRODUCTION_RATE_LIMITS: RateLimitTable = {
  onlineSession: { perSecond: 10, perMinute: 30, perHour: 120 },
  invoiceSend: { perSecond: 10, perMinute: 30, perHour: 180 },
  batchSession: { perSecond: 10, perMinute: 20, perHour: 60 },
  invoiceStatus: { perSecond: 30, perMinute: 120, perHour: 1200 },
  sessionList: { perSecond: 5, perMinute: 10, perHour: 60 },
  sessionInvoiceList: { perSecond: 10, perMinute: 20, perHour: 200 },
  sessionMisc: { perSecond: 10, perMinute: 120, perHour: 1200 },
  invoiceMetadata: { perSecond: 8, perMinute: 16, perHour: 20 },
  invoiceExport: { perSecond: 8, perMinute: 16, perHour: 20 },
  invoiceExportStatus: { perSecond: 10, perMinute: 60, perHour: 600 },
  invoiceDownload: { perSecond: 8, perMinute: 16, perHour: 64 },
  other: { perSecond: 10, perMinute: 30, perHour: 120 },
};

/** Public (unauthenticated) endpoints are limited per client IP. */
export const PUBLIC_RATE_LIMIT: RateLimitWindows = { perSecond: 60 };

const NAMED_ROUTES: Record<string, RateLimitGroup> = {
  'POST /sessions/online': 'onlineSession',
  'POST /sessions/online/{referenceNumber}/close': 'onlineSession',
  'POST /sessions/online/{referenceNumber}/invoices': 'invoiceSend',
  'POST /sessions/batch': 'batchSession',
  'POST /sessions/batch/{referenceNumber}/close': 'batchSession',
  'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}': 'invoiceStatus',
  'GET /sessions': 'sessionList',
  'GET /sessions/{referenceNumber}/invoices': 'sessionInvoiceList',
  'GET /sessions/{referenceNumber}/invoices/failed': 'sessionInvoiceList',
  'GET /sessions/{referenceNumber}': 'sessionMisc',
  'GET /sessions/{referenceNumber}/invoices/{invoiceReferenceNumber}/upo': 'sessionMisc',
  'GET /sessions/{referenceNumber}/invoices/ksef/{ksefNumber}/upo': 'sessionMisc',
  'GET /sessions/{referenceNumber}/upo/{upoReferenceNumber}': 'sessionMisc',
  'POST /invoices/query/metadata': 'invoiceMetadata',
  'POST /invoices/exports': 'invoiceExport',
  'GET /invoices/exports/{referenceNumber}': 'invoiceExportStatus',
  'GET /invoices/ksef/{ksefNumber}': 'invoiceDownload',
};

const PUBLIC_ROUTES = new Set([
  'POST /auth/challenge',
  'POST /auth/xades-signature',
  'POST /auth/ksef-token',
  'GET /auth/{referenceNumber}',
  'POST /auth/token/redeem',
  'POST /auth/token/refresh',
  'GET /security/public-key-certificates',
  'GET /peppol/query',
  'POST /testdata/subject',
  'POST /testdata/subject/remove',
  'POST /testdata/person',
  'POST /testdata/person/remove',
  'POST /testdata/permissions',
  'POST /testdata/permissions/revoke',
  'POST /testdata/attachment',
  'POST /testdata/attachment/revoke',
]);

/** Where a request is counted: a named group (shared counter), `other` (one counter per endpoint) or public. */
export interface EndpointBucket {
  kind: 'group' | 'public';
  group: RateLimitGroup | 'public';
  /** Counter name: the group, or `other:METHOD path` since each "other" endpoint has its own counter. */
  bucket: string;
}

/** Classifies an operation given its method and OpenAPI path template (e.g. `/sessions/{referenceNumber}`). */
export function endpointBucket(method: string, pathTemplate: string): EndpointBucket {
  const route = `${method.toUpperCase()} ${pathTemplate}`;
  if (PUBLIC_ROUTES.has(route)) return { kind: 'public', group: 'public', bucket: 'public' };
  const group = NAMED_ROUTES[route];
  if (group) return { kind: 'group', group, bucket: group };
  return { kind: 'group', group: 'other', bucket: `other:${route}` };
}
