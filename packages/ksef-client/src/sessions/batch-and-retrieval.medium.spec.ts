import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefSession } from '../auth/ksef-session';
import { type KsefClient } from '../ksef-client';
import { initialCursor, type SyncCursor } from '../retrieval/incremental-sync';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';
import { type BatchUploadState } from './batch-session';

const COUNT = 1_000;
let sim: RunningSimulator;
let ksef: KsefClient;
let session: KsefSession;
let nip: string;
let startedAt: Date;
const hashes = new Map<string, string>();
let state: BatchUploadState;
const states: BatchUploadState[] = [];

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0, permanentStorageLagMs: 1 });
  ksef = sim.client();
  nip = randomNip();
  session = await ownerSession(ksef, nip);
  startedAt = new Date(Date.now() - 60_000);
  const files = Array.from({ length: COUNT }, (_, i) => {
    const content = fa3Invoice(nip, `${randomUUID().slice(0, 6)}-${i}`);
    hashes.set(createHash('sha256').update(content).digest('base64'), `inv-${i}.xml`);
    return { name: `inv-${i}.xml`, content };
  });
  // A small part size forces several parts; state snapshots prove the upload is resumable.
  state = await ksef
    .batch(session)
    .send(files, { maxPartSize: 150_000, concurrency: 3, onState: (s) => void states.push(structuredClone(s)) });
}, 300_000);

afterAll(async () => {
  await sim?.close();
});

describe('batch and retrieval against the simulator', () => {
  it('uploads a batch of 1,000 invoices in several parts and every invoice gets a KSeF number', async () => {
    expect(state.partUploadRequests.length).toBeGreaterThan(1);
    expect(state.closed).toBe(true);
    expect(states.some((s) => s.uploadedParts.length > 0 && !s.closed)).toBe(true);
    const { status, invoices } = await ksef.batch(session).results(state.referenceNumber, 240_000);
    expect(status.status.code).toBe(200);
    expect(invoices).toHaveLength(COUNT);
    for (const inv of invoices) {
      expect(inv.status.code).toBe(200);
      expect(inv.ksefNumber).toMatch(new RegExp(`^${nip}-`));
      expect(hashes.get(inv.invoiceHash)).toBe(inv.invoiceFileName);
    }
    expect(ksef.http.stats.rateLimited).toBe(0);
  }, 300_000);

  it('incremental sync yields each invoice exactly once across a restart', async () => {
    await ksef.batch(session).results(state.referenceNumber, 240_000);
    // Wait until everything is permanently stored.
    await new Promise((r) => setTimeout(r, 200));
    const seen: string[] = [];
    let cursor: SyncCursor = initialCursor('Subject1', startedAt);
    const first = ksef.sync(session, cursor, { pageSize: 250 });
    for (let i = 0; i < 300; i++) {
      const r = await first.next();
      if (r.done) break;
      seen.push(r.value.invoice.ksefNumber);
      cursor = r.value.cursor;
    }
    // "Restart": a new iterator from the persisted cursor.
    const second = ksef.sync(session, cursor, { pageSize: 250 });
    for (;;) {
      const r = await second.next();
      if (r.done) {
        cursor = r.value;
        break;
      }
      seen.push(r.value.invoice.ksefNumber);
    }
    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen).size).toBe(COUNT);
    // Nothing new: another run yields nothing.
    const third = ksef.sync(session, cursor, { pageSize: 250 });
    expect((await third.next()).done).toBe(true);
  }, 300_000);

  it('export decrypts, unzips and matches the invoices sent', async () => {
    const exported = await ksef
      .exports(session)
      .run(
        { subjectType: 'Subject1', dateRange: { dateType: 'PermanentStorage', from: startedAt.toISOString() } },
        { timeoutMs: 240_000 },
      );
    expect(exported.metadata).toHaveLength(COUNT);
    expect(exported.invoices.size).toBe(COUNT);
    for (const [ksefNumber, xml] of exported.invoices) {
      const meta = exported.metadata.find((m) => m.ksefNumber === ksefNumber)!;
      expect(createHash('sha256').update(xml).digest('base64')).toBe(meta.invoiceHash);
      expect(hashes.has(meta.invoiceHash)).toBe(true);
    }
    // And one invoice downloaded directly, checked against x-ms-meta-hash.
    const one = exported.metadata[0]!;
    const doc = await ksef.invoices(session).getInvoice(one.ksefNumber);
    expect(doc.hash).toBe(one.invoiceHash);
  }, 300_000);
});
