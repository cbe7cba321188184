import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type InvoiceMetadata,
  type InvoiceQueryFilters,
  type QueryInvoicesMetadataResponse,
} from '../generated/ksef-api.models';
import { KsefValidationError } from '../http/ksef-errors';
import { incrementalSync, initialCursor, type MetadataSource, type SyncCursor } from './incremental-sync';
import { type MetadataPageOptions } from './invoices.api';

/**
 * A stand-in for KSeF's metadata query with the documented semantics: ascending by permanent-storage date,
 * `from` inclusive, `to` clamped to the HWM, 21183 when `from` > HWM, pageOffset paging and a result cap
 * (10,000 in KSeF, small here) that sets `isTruncated`.
 */
class MetadataStandIn implements MetadataSource {
  readonly invoices: InvoiceMetadata[] = [];
  hwm = 0;
  calls = 0;
  constructor(private readonly cap: number) {}

  add(ms: number, n = 1): void {
    for (let i = 0; i < n; i++) {
      const k = this.invoices.length;
      this.invoices.push({
        ksefNumber: `5265877635-20250101-${k.toString(16).toUpperCase().padStart(12, '0')}-00`,
        permanentStorageDate: new Date(ms).toISOString(),
      } as InvoiceMetadata);
    }
    this.invoices.sort((a, b) => Date.parse(a.permanentStorageDate) - Date.parse(b.permanentStorageDate));
  }

  queryMetadata(filters: InvoiceQueryFilters, options: MetadataPageOptions): Promise<QueryInvoicesMetadataResponse> {
    this.calls++;
    const from = Date.parse(filters.dateRange.from);
    if (from > this.hwm) {
      throw new KsefValidationError({
        status: 400,
        message: 'range',
        details: [{ code: 21183, description: 'x', details: [] }],
      });
    }
    const to = Math.min(filters.dateRange.to ? Date.parse(filters.dateRange.to) : Infinity, this.hwm);
    const all = this.invoices.filter(
      (i) => Date.parse(i.permanentStorageDate) >= from && Date.parse(i.permanentStorageDate) <= to,
    );
    const capped = all.slice(0, this.cap);
    const size = options.pageSize ?? 10;
    const page = capped.slice((options.pageOffset ?? 0) * size, ((options.pageOffset ?? 0) + 1) * size);
    const hasMore = ((options.pageOffset ?? 0) + 1) * size < capped.length || all.length > capped.length;
    return Promise.resolve({
      invoices: page,
      hasMore,
      isTruncated: all.length > this.cap,
      permanentStorageHwmDate: new Date(this.hwm).toISOString(),
    });
  }
}

const T0 = Date.parse('2026-01-01T00:00:00Z');

async function drain(source: MetadataSource, cursor: SyncCursor, stopAfter = Infinity) {
  const got: string[] = [];
  let last = cursor;
  const it = incrementalSync(source, cursor, { pageSize: 10, now: () => T0 + 86_400_000 });
  for (;;) {
    if (got.length >= stopAfter) return { got, cursor: last };
    const r = await it.next();
    if (r.done) return { got, cursor: r.value };
    got.push(r.value.invoice.ksefNumber);
    last = r.value.cursor;
  }
}

describe('incrementalSync', () => {
  it('yields each invoice exactly once across truncation, equal timestamps at window edges and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 4 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 5 }),
        async (batches, crashes) => {
          const ksef = new MetadataStandIn(25);
          for (const [sec, n] of batches) ksef.add(T0 + sec * 1000, n);
          ksef.hwm = T0 + 30_000; // only part is durably stored
          const seen: string[] = [];
          let cursor = initialCursor('Subject2', new Date(T0));
          // Restart (drop the iterator) after a few items, resuming from the persisted cursor.
          for (const crash of crashes) {
            const r = await drain(ksef, cursor, crash);
            seen.push(...r.got);
            cursor = r.cursor;
          }
          seen.push(...(await drain(ksef, cursor)).got);
          cursor = (await drain(ksef, cursor)).cursor;
          const stored = ksef.invoices
            .filter((i) => Date.parse(i.permanentStorageDate) <= ksef.hwm)
            .map((i) => i.ksefNumber);
          expect([...seen].sort()).toEqual([...stored].sort());
          // Later invoices become durable: the next run gets exactly those.
          ksef.hwm = T0 + 60_000;
          const later = (await drain(ksef, cursor)).got;
          const expectedLater = ksef.invoices
            .filter(
              (i) => Date.parse(i.permanentStorageDate) > T0 + 30_000 && Date.parse(i.permanentStorageDate) <= ksef.hwm,
            )
            .map((i) => i.ksefNumber);
          expect([...later].sort()).toEqual([...expectedLater].sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops quietly when from is above the high-water mark (21183)', async () => {
    const ksef = new MetadataStandIn(10);
    ksef.hwm = T0 - 1;
    const r = await drain(ksef, initialCursor('Subject1', new Date(T0)));
    expect(r.got).toEqual([]);
    expect(r.cursor.from).toBe(new Date(T0).toISOString());
  });
});
