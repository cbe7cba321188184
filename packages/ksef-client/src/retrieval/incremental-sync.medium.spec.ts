import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefSession } from '../auth/ksef-session';
import { type KsefClient } from '../ksef-client';
import { RATE_LIMIT_GROUPS } from '../rate-limit/rate-limit-groups';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';
import { initialCursor, type SyncCursor } from './incremental-sync';

// KSeF caps one metadata query at 10,000 records, so more than that forces a truncation mid-sync.
const COUNT = 10_300;
let sim: RunningSimulator;
let ksef: KsefClient;
let session: KsefSession;
let from: Date;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0, permanentStorageLagMs: 1 });
  ksef = sim.client();
  const nip = randomNip();
  session = await ownerSession(ksef, nip);
  // The production metadata budget (20/h) would make this test take hours: raise it for this context.
  const table = Object.fromEntries(
    RATE_LIMIT_GROUPS.map((g) => [g, { perSecond: 100, perMinute: 6000, perHour: 100000 }]),
  );
  await ksef.http.request({
    method: 'POST',
    path: '/testdata/rate-limits',
    json: { rateLimits: table },
    bearer: await session.accessToken(),
    context: session.contextKey,
    responseType: 'none',
  });
  await ksef.limits(session).rateLimits();
  from = new Date(Date.now() - 60_000);
  const batch = ksef.batch(session);
  for (const [start, end] of [
    [0, 5_150],
    [5_150, COUNT],
  ] as const) {
    const files = Array.from({ length: end - start }, (_, i) => ({
      name: `i-${start + i}.xml`,
      content: fa3Invoice(nip, `${randomUUID().slice(0, 6)}-${start + i}`),
    }));
    const state = await batch.send(files);
    const { status } = await batch.results(state.referenceNumber, 900_000);
    expect(status.status.code).toBe(200);
  }
}, 1_200_000);

afterAll(async () => {
  await sim?.close();
});

/**
 * Drives a sync to the end like a process that dies once: after `stopAt` invoices the generator is abandoned and a new
 * one is opened from the last persisted cursor. Returns the final cursor, the distinct numbers and the repeats.
 */
async function syncWithOneRestart<T extends { invoice: { ksefNumber: string }; cursor: SyncCursor }>(
  open: (cursor: SyncCursor) => AsyncGenerator<T, SyncCursor>,
  onItem: (item: T) => void = () => {},
  stopAt = 4_321,
): Promise<{ cursor: SyncCursor; seen: Set<string>; duplicates: number }> {
  const seen = new Set<string>();
  let duplicates = 0;
  let cursor: SyncCursor = initialCursor('Subject1', from);
  let restarted = false;
  for (;;) {
    const it = open(cursor);
    let stoppedEarly = false;
    for (;;) {
      const r = await it.next();
      if (r.done) {
        cursor = r.value;
        break;
      }
      if (seen.has(r.value.invoice.ksefNumber)) duplicates++;
      seen.add(r.value.invoice.ksefNumber);
      onItem(r.value);
      cursor = r.value.cursor;
      if (!restarted && seen.size === stopAt) {
        restarted = true;
        stoppedEarly = true;
        break;
      }
    }
    if (!stoppedEarly) return { cursor, seen, duplicates };
  }
}

describe('incremental sync against the simulator', () => {
  it(`finds each of ${COUNT} invoices exactly once through a truncated result and a restart`, async () => {
    let truncatedWindows = 0;
    const { seen, duplicates } = await syncWithOneRestart((cursor) =>
      ksef.sync(session, cursor, {
        pageSize: 250,
        onWindow: (w) => void (truncatedWindows += w.truncated ? 1 : 0),
      }),
    );
    expect(truncatedWindows).toBeGreaterThanOrEqual(1);
    expect(duplicates).toBe(0);
    expect(seen.size).toBe(COUNT);
    expect(ksef.http.stats.rateLimited).toBe(0);
  }, 600_000);

  it(`finds each of ${COUNT} invoices exactly once through tar.gz exports, a truncated package and a restart`, async () => {
    let truncatedPackages = 0;
    const { cursor, seen, duplicates } = await syncWithOneRestart(
      (from) =>
        ksef.syncByExports(session, from, {
          compressionType: 'TarGz',
          timeoutMs: 300_000,
          onPackage: (p) => void (truncatedPackages += p.truncated ? 1 : 0),
        }),
      ({ invoice, xml }) => {
        // The XML came in the package and is exactly what KSeF hashed.
        expect(createHash('sha256').update(xml!).digest('base64')).toBe(invoice.invoiceHash);
      },
    );
    expect(truncatedPackages).toBeGreaterThanOrEqual(1);
    expect(duplicates).toBe(0);
    expect(seen.size).toBe(COUNT);
    // Caught up: another run finds nothing new.
    const again = ksef.syncByExports(session, cursor, { compressionType: 'TarGz' });
    expect((await again.next()).done).toBe(true);
    expect(ksef.http.stats.rateLimited).toBe(0);
  }, 900_000);
});
