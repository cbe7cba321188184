import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';
import { type BatchUploadState } from './batch-session';

const COUNT = 300;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
});

afterAll(async () => {
  await sim?.close();
});

describe('resuming an interrupted batch upload', () => {
  it('a new process continues from the persisted state and every invoice is accepted exactly once', async () => {
    const nip = randomNip();
    const files = Array.from({ length: COUNT }, (_, i) => ({
      name: `r-${i}.xml`,
      content: fa3Invoice(nip, `${randomUUID().slice(0, 6)}-${i}`),
    }));

    // First process: uploads two parts of a tar.gz package, persists its state after each, then dies.
    const first = sim.client();
    let persisted = '';
    const died = await first
      .batch(await ownerSession(first, nip))
      .send(files, {
        compressionType: 'TarGz',
        maxPartSize: 4_000,
        concurrency: 1,
        onState: (state) => {
          persisted = JSON.stringify(state);
          if (state.uploadedParts.length === 2) throw new Error('process killed');
        },
      })
      .catch((e: unknown) => e);
    expect((died as Error).message).toBe('process killed');
    const saved = JSON.parse(persisted) as BatchUploadState;
    expect(saved.compressionType).toBe('TarGz');
    expect(saved.uploadedParts).toEqual([1, 2]);
    expect(saved.closed).toBe(false);
    const partCount = saved.partUploadRequests.length;
    expect(partCount).toBeGreaterThan(3);

    // Second process: a new client and login, only the persisted state and the same invoice files.
    const second = sim.client();
    const batch = second.batch(await ownerSession(second, nip));
    const changed = files.map((f, i) => (i === 7 ? { ...f, content: fa3Invoice(nip, 'ZMIENIONA') } : f));
    await expect(batch.resumeFiles(saved, changed)).rejects.toThrow(/Archiwum różni się/);

    let uploadsNow = 0;
    const resumed = await batch.resumeFiles(saved, files, { onProgress: () => void uploadsNow++ });
    expect(resumed.closed).toBe(true);
    // Each part uploaded once in all: parts 1 and 2 were not uploaded again.
    expect(uploadsNow).toBe(partCount - 2);
    expect([...resumed.uploadedParts].sort((a, b) => a - b)).toEqual(
      Array.from({ length: partCount }, (_, i) => i + 1),
    );
    expect(saved.uploadedParts).toEqual([1, 2]);

    const { status, invoices } = await batch.results(resumed.referenceNumber, 120_000);
    expect(status.status.code).toBe(200);
    expect(invoices).toHaveLength(COUNT);
    expect(invoices.every((i) => i.status.code === 200)).toBe(true);
    expect(new Set(invoices.map((i) => i.ksefNumber)).size).toBe(COUNT);
    const byHash = new Map(files.map((f) => [createHash('sha256').update(f.content).digest('base64'), f.name]));
    expect(new Set(invoices.map((i) => byHash.get(i.invoiceHash))).size).toBe(COUNT);
    expect(invoices.every((i) => byHash.get(i.invoiceHash) === i.invoiceFileName)).toBe(true);

    // Resuming a finished upload again changes nothing.
    let uploadsAgain = 0;
    const again = await batch.resumeFiles(resumed, files, { onProgress: () => void uploadsAgain++ });
    expect(again.closed).toBe(true);
    expect(uploadsAgain).toBe(0);
    expect((await batch.results(resumed.referenceNumber)).invoices).toHaveLength(COUNT);
  }, 180_000);
});
