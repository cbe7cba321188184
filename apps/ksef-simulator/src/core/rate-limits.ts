/** The twelve named groups of `GET /rate-limits`, plus the per-IP public group. */
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

export interface RateLimitValues {
  perSecond: number;
  perMinute: number;
  perHour: number;
}

export type RateLimitTable = Record<RateLimitGroup, RateLimitValues>;

/** Production values (TEST has had equal defaults since 2.5.0). */
export const PRODUCTION_RATE_LIMITS: RateLimitTable = {
  onlineSession: { perSecond: 10, perMinute: 30, perHour: 120 },
  batchSession: { perSecond: 10, perMinute: 20, perHour: 60 },
  invoiceSend: { perSecond: 10, perMinute: 30, perHour: 180 },
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

/** Public (unauthenticated) endpoints: 60 requests per second per client IP. */
export const PUBLIC_PER_SECOND = 60;
