import { describe, expect, it } from 'vitest';
import { type InvoiceMetadata, type InvoicePackage, type InvoiceQueryFilters } from '../generated/ksef-api.models';
import { KsefError } from '../http/ksef-errors';
import { exportSync, type ExportSource } from './export-sync';
import { initialCursor } from './incremental-sync';
import { type ExportedPackage } from './invoice-export';

const meta = (n: number, date: string) =>
  ({
    ksefNumber: `5265877635-20250101-${String(n).padStart(12, '0')}-00`,
    permanentStorageDate: date,
  }) as InvoiceMetadata;

/** Hands out prepared packages in order and records the filters it was asked for. */
function source(answers: (ExportedPackage | KsefError)[]): ExportSource & { asked: InvoiceQueryFilters[] } {
  const asked: InvoiceQueryFilters[] = [];
  return {
    asked,
    run(filters) {
      asked.push(filters);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      return next instanceof KsefError ? Promise.reject(next) : Promise.resolve(next);
    },
  };
}

function exported(records: InvoiceMetadata[], pkg: Partial<InvoicePackage>): ExportedPackage {
  return {
    referenceNumber: 'ref',
    metadata: records,
    invoices: new Map(records.map((r) => [r.ksefNumber, Buffer.from(r.ksefNumber)])),
    package: { invoiceCount: records.length, size: 0, parts: [], isTruncated: false, ...pkg },
  };
}

async function drain<T, R>(it: AsyncGenerator<T, R>): Promise<{ items: T[]; result: R }> {
  const items: T[] = [];
  for (;;) {
    const r = await it.next();
    if (r.done) return { items, result: r.value };
    items.push(r.value);
  }
}

describe('exportSync', () => {
  it('moves from to the last date of a truncated package, then to the HWM, deduplicating the edge', async () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const src = source([
      exported([meta(1, t(1)), meta(2, t(2)), meta(3, t(3))], { isTruncated: true, lastPermanentStorageDate: t(3) }),
      exported([meta(3, t(3)), meta(4, t(4))], { permanentStorageHwmDate: t(10) }),
    ]);
    const { items, result } = await drain(
      exportSync(src, initialCursor('Subject2', t(0)), { now: () => Date.parse(t(20)) }),
    );
    expect(items.map((i) => i.invoice.ksefNumber.slice(-5, -3))).toEqual(['01', '02', '03', '04']);
    expect(items[3]!.xml?.toString()).toBe(items[3]!.invoice.ksefNumber);
    expect(src.asked.map((f) => f.dateRange.from)).toEqual([t(0), t(3)]);
    expect(src.asked.every((f) => f.dateRange.restrictToPermanentStorageHwmDate && f.subjectType === 'Subject2')).toBe(
      true,
    );
    expect(result.from).toBe(t(10));
  });

  it('ends quietly when from is beyond the HWM (export status 420)', async () => {
    const cursor = initialCursor('Subject1', '2026-01-01T00:00:00.000Z');
    const src = source([new KsefError({ status: 420, message: 'from > HWM' })]);
    const { items, result } = await drain(exportSync(src, cursor, { now: () => Date.parse('2026-01-02T00:00:00Z') }));
    expect(items).toHaveLength(0);
    expect(result).toEqual(cursor);
  });

  it('refuses to loop when a truncated package cannot move from forward, and passes other failures on', async () => {
    const d = '2026-01-01T00:00:00.000Z';
    const now = () => Date.parse('2026-01-02T00:00:00Z');
    const stuck = source([exported([meta(1, d)], { isTruncated: true, lastPermanentStorageDate: d })]);
    await expect(drain(exportSync(stuck, initialCursor('Subject1', d), { now }))).rejects.toThrow(/zawęź filtry/);
    const failing = source([new KsefError({ status: 500, message: 'boom' })]);
    await expect(drain(exportSync(failing, initialCursor('Subject1', d), { now }))).rejects.toThrow('boom');
  });
});
