import { type InvoiceMetadata, type InvoiceQueryFilters } from '../generated/ksef-api.models';
import { KsefError } from '../http/ksef-errors';
import { type CompressionType } from '../util/archive';
import { completeWindow, moveCursor, syncWindowFilters, type SyncCursor } from './incremental-sync';
import { type ExportedPackage } from './invoice-export';

export interface ExportSyncItem {
  invoice: InvoiceMetadata;
  /** The invoice XML exactly as stored (absent with `onlyMetadata`). */
  xml?: Buffer;
  /** Cursor that includes this invoice: persist it with the invoice. */
  cursor: SyncCursor;
}

export interface ExportSyncOptions {
  /** Extra filters (everything except subjectType/dateRange). */
  filters?: Omit<InvoiceQueryFilters, 'subjectType' | 'dateRange'>;
  compressionType?: CompressionType;
  onlyMetadata?: boolean;
  /** Longest wait for one package (default 15 min). */
  timeoutMs?: number;
  now?: () => number;
  /** Observability: called after each package. */
  onPackage?: (info: {
    from: string;
    invoiceCount: number;
    truncated: boolean;
    permanentStorageHwmDate?: string;
  }) => void;
}

/** What the sync needs from KSeF: one export, started, waited for and downloaded (an `InvoiceExports`). */
export interface ExportSource {
  run(
    filters: InvoiceQueryFilters,
    options: { onlyMetadata?: boolean; timeoutMs?: number; compressionType?: CompressionType },
  ): Promise<ExportedPackage>;
}

/** Export status 420: `from` lies beyond the high-water mark (with the restrict flag): nothing new yet. */
const BEYOND_HWM = 420;

/**
 * Incremental synchronisation through asynchronous exports (the sync the KSeF documentation recommends), with the
 * same HWM rules and cursor as {@link incrementalSync}: contiguous windows by `PermanentStorage` date, `to`
 * clamped to the high-water mark; a truncated package moves `from` to its `lastPermanentStorageDate`, a complete
 * one to its `permanentStorageHwmDate`; deduplicated by KSeF number from `_metadata.json`. One export yields up to
 * 10,000 invoices with their XML, so this costs far fewer requests than metadata paging plus single downloads.
 */
export async function* exportSync(
  exports: ExportSource,
  start: SyncCursor,
  options: ExportSyncOptions = {},
): AsyncGenerator<ExportSyncItem, SyncCursor> {
  let cursor: SyncCursor = { ...start, seen: [...start.seen] };
  const seen = new Set(cursor.seen.map((s) => s.ksefNumber));
  const now = options.now ?? (() => Date.now());
  for (;;) {
    const filters = syncWindowFilters(cursor, now(), options.filters);
    const to = filters.dateRange.to ?? undefined;
    let exported: ExportedPackage;
    try {
      exported = await exports.run(filters, {
        onlyMetadata: options.onlyMetadata,
        timeoutMs: options.timeoutMs,
        compressionType: options.compressionType,
      });
    } catch (err) {
      if (err instanceof KsefError && (err.status === BEYOND_HWM || err.hasCode(21183))) return cursor;
      throw err;
    }
    const records = [...exported.metadata].sort((a, b) =>
      a.permanentStorageDate < b.permanentStorageDate ? -1 : a.permanentStorageDate > b.permanentStorageDate ? 1 : 0,
    );
    for (const invoice of records) {
      if (seen.has(invoice.ksefNumber)) continue;
      seen.add(invoice.ksefNumber);
      cursor = {
        ...cursor,
        seen: [...cursor.seen, { ksefNumber: invoice.ksefNumber, date: invoice.permanentStorageDate }],
      };
      yield { invoice, xml: exported.invoices.get(invoice.ksefNumber), cursor };
    }
    const pkg = exported.package;
    const hwm = pkg.permanentStorageHwmDate ?? undefined;
    options.onPackage?.({
      from: cursor.from,
      invoiceCount: pkg.invoiceCount,
      truncated: pkg.isTruncated,
      permanentStorageHwmDate: hwm,
    });
    if (pkg.isTruncated) {
      const last = pkg.lastPermanentStorageDate ?? records[records.length - 1]?.permanentStorageDate;
      if (!last || Date.parse(last) <= Date.parse(cursor.from)) {
        throw new Error(`Ponad limit paczki eksportu ma tę samą datę ${last ?? '?'}; zawęź filtry synchronizacji`);
      }
      cursor = moveCursor(cursor, last);
      continue;
    }
    const completed = completeWindow(cursor, hwm, to);
    if (completed.caughtUp) return completed.cursor;
    cursor = completed.cursor;
  }
}
