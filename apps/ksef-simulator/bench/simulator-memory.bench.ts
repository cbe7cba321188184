/**
 * Memory per stored invoice (via POST /sim/invoices, i.e. full validation and indexing), extrapolated to 100,000.
 * Prints numbers; asserts nothing. Run: node --expose-gc --import tsx apps/ksef-simulator/bench/simulator-memory.bench.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSimulator } from '../src/simulator';

const COUNT = 5000;

async function main(): Promise<void> {
  const sim = await createSimulator({ rateLimits: { enabled: false } });
  const template = readFileSync(resolve(__dirname, '../../../../shared/ksef/samples/invoice-template_v3.xml'), 'utf8');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  for (let i = 0; i < COUNT; i++) {
    const xml = template
      .replaceAll('#nip#', '5265877635')
      .replaceAll('#invoicing_date#', '2026-01-01')
      .replaceAll('#invoice_number#', `MEM-${i}`);
    const response = await sim.app.inject({
      method: 'POST',
      url: '/sim/invoices',
      headers: { 'content-type': 'application/xml' },
      payload: xml,
    });
    if (response.statusCode !== 200) throw new Error(response.body);
  }
  gc?.();
  const after = process.memoryUsage();
  const perInvoice = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / COUNT;
  console.log(
    `${COUNT} invoices of ${Buffer.byteLength(template)} B: ~${(perInvoice / 1024).toFixed(1)} KiB each -> ` +
      `100,000 invoices ~${((perInvoice * 100_000) / 1e6).toFixed(0)} MB (rss now ${(after.rss / 1e6).toFixed(0)} MB)` +
      (gc ? '' : ' [run with --expose-gc for stable numbers]'),
  );
  await sim.close();
}

void main();
