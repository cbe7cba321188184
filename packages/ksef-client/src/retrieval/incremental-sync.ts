import {
  type InvoiceMetadata,
  type InvoiceQueryFilters,
  type InvoiceQuerySubjectType,
  type QueryInvoicesMetadataResponse,
} from '../generated/ksef-api.models';
import { KsefValidationError } from '../http/ksef-errors';
import { type MetadataPageOptions } from './invoices.api';

/**
 * Where an incremental sync stands. Persist it together with each processed invoice (same transaction) and
 * pass it back after a restart: every invoice is then yielded exactly once.
 */
export interface SyncCursor {
  subjectType: InvoiceQuerySubjectType;
  /** Start of the next window (`PermanentStorage` date, inclusive). */
  from: string;
  /** Invoices already yielded with a date ≥ `from` (they can reappear at the window edge). */
  seen: { ksefNumber: string; date: string }[];
}

export interface SyncItem {
  invoice: InvoiceMetadata;
  /** Cursor that includes this invoice. */
  cursor: SyncCursor;
}

export interface SyncOptions {
  pageSize?: number;
  /** Extra filters (everything except subjectType/dateRange). */
  filters?: Omit<InvoiceQueryFilters, 'subjectType' | 'dateRange'>;
  /** Upper bound of the current time, for the 3-month window rule (default: now). */
  now?: () => number;
  /** Observability: called when a window ends (truncated → `from` moves to the last record's date). */
  onWindow?: (info: { from: string; truncated: boolean; permanentStorageHwmDate?: string }) => void;
}

/** What the sync needs from KSeF: one page of `POST /invoices/query/metadata` (an `InvoicesApi`). */
export interface MetadataSource {
  queryMetadata(filters: InvoiceQueryFilters, options: MetadataPageOptions): Promise<QueryInvoicesMetadataResponse>;
}

export function initialCursor(subjectType: InvoiceQuerySubjectType, from: Date | string): SyncCursor {
  return { subjectType, from: typeof from === 'string' ? from : from.toISOString(), seen: [] };
}

/** End of a query window starting at `from` (3 months at most), or undefined when that is beyond `now`. */
export function syncWindowEnd(from: string, now: number): string | undefined {
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + 3);
  end.setUTCDate(end.getUTCDate() - 1);
  return end.getTime() >= now ? undefined : end.toISOString();
}

/**
 * The query of the cursor's next window: `PermanentStorage` dates from the cursor, at most 3 months, clamped to the
 * high-water mark. Shared by the metadata and the export sync, which follow the same HWM rules.
 */
export function syncWindowFilters(
  cursor: SyncCursor,
  now: number,
  extra: Partial<InvoiceQueryFilters> | undefined,
): InvoiceQueryFilters {
  const to = syncWindowEnd(cursor.from, now);
  return {
    ...extra,
    subjectType: cursor.subjectType,
    dateRange: {
      dateType: 'PermanentStorage',
      from: cursor.from,
      ...(to ? { to } : {}),
      restrictToPermanentStorageHwmDate: true,
    },
  };
}

/**
 * After a complete window: continue from the HWM (or the window end when the HWM is beyond it); caught up when the
 * window reached now or the HWM stopped inside it.
 */
export function completeWindow(
  cursor: SyncCursor,
  hwm: string | undefined,
  to: string | undefined,
): { cursor: SyncCursor; caughtUp: boolean } {
  const next = hwm && (!to || Date.parse(hwm) < Date.parse(to)) ? hwm : to;
  const moved = next && Date.parse(next) > Date.parse(cursor.from) ? moveCursor(cursor, next) : cursor;
  return { cursor: moved, caughtUp: !to || (!!hwm && Date.parse(hwm) < Date.parse(to)) };
}

/** Moves the cursor's window start, keeping only the seen invoices that can still reappear at the new edge. */
export function moveCursor(cursor: SyncCursor, to: string): SyncCursor {
  const bound = Date.parse(to);
  return { ...cursor, from: to, seen: cursor.seen.filter((s) => Date.parse(s.date) >= bound) };
}

/**
 * Incremental synchronisation by `PermanentStorage` date following the HWM rules: contiguous windows, `to`
 * clamped to the high-water mark (`restrictToPermanentStorageHwmDate`), truncation → next `from` = last record's
 * date, otherwise next `from` = `permanentStorageHwmDate`; deduplicated by KSeF number. Stops when caught up.
 */
export async function* incrementalSync(
  invoices: MetadataSource,
  start: SyncCursor,
  options: SyncOptions = {},
): AsyncGenerator<SyncItem, SyncCursor> {
  let cursor: SyncCursor = { ...start, seen: [...start.seen] };
  const seen = new Set(cursor.seen.map((s) => s.ksefNumber));
  const now = options.now ?? (() => Date.now());
  for (;;) {
    const filters = syncWindowFilters(cursor, now(), options.filters);
    const to = filters.dateRange.to ?? undefined;
    let pageOffset = 0;
    let hwm: string | undefined;
    let truncatedAt: string | undefined;
    for (;;) {
      let page;
      try {
        page = await invoices.queryMetadata(filters, {
          pageOffset,
          pageSize: options.pageSize ?? 250,
          sortOrder: 'Asc',
        });
      } catch (err) {
        // 21183: `from` is already above the high-water mark — nothing new yet.
        if (err instanceof KsefValidationError && err.hasCode(21183)) return cursor;
        throw err;
      }
      hwm = page.permanentStorageHwmDate ?? hwm;
      for (const inv of page.invoices) {
        if (seen.has(inv.ksefNumber)) continue;
        seen.add(inv.ksefNumber);
        cursor = { ...cursor, seen: [...cursor.seen, { ksefNumber: inv.ksefNumber, date: inv.permanentStorageDate }] };
        yield { invoice: inv, cursor };
      }
      const last = page.invoices[page.invoices.length - 1];
      if (page.hasMore && page.isTruncated && last) {
        truncatedAt = last.permanentStorageDate;
        break;
      }
      if (!page.hasMore) break;
      pageOffset++;
    }
    options.onWindow?.({ from: cursor.from, truncated: truncatedAt !== undefined, permanentStorageHwmDate: hwm });
    if (truncatedAt) {
      if (Date.parse(truncatedAt) <= Date.parse(cursor.from)) {
        // More than the result cap share one timestamp: moving `from` cannot make progress.
        throw new Error(`Ponad limit wyników KSeF ma tę samą datę ${truncatedAt}; zawęź filtry synchronizacji`);
      }
      cursor = moveCursor(cursor, truncatedAt);
      continue;
    }
    const completed = completeWindow(cursor, hwm, to);
    if (completed.caughtUp) return completed.cursor;
    cursor = completed.cursor;
  }
}
