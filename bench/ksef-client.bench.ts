/**
 * KSeF client drain benchmark: `npx tsx bench/ksef-client.bench.ts`. Starts the simulator in-process with the
 * production rate-limit table switched on, then drains invoices of one tenant interactively and in one batch session,
 * and prints: drain time, the theoretical minimum under the limits, the ratio actual/minimum and the number of 429s.
 * It asserts nothing.
 *
 * Env: BENCH_INTERACTIVE (default 30; production allows 180 sends/h, so 10,000 interactive invoices take ≥ 55 h —
 * the minimum printed for 10,000 is computed, not measured), BENCH_BATCH (default 10,000),
 * BENCH_PROCESSING_MS (simulator processing delay per step, default 20).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSelfSignedCertificate,
  FakeClock,
  InMemoryRateLimiter,
  KsefClient,
  PRODUCTION_RATE_LIMITS,
  acquirePermit,
  simulatorEnvironment,
  type RateLimitWindows,
} from '../packages/ksef-client/src/index';
import { createSimulator } from '../apps/ksef-simulator/src/index';

const INTERACTIVE = Number(process.env.BENCH_INTERACTIVE ?? 30);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const PROCESSING_MS = Number(process.env.BENCH_PROCESSING_MS ?? 20);
const TEMPLATE = readFileSync(resolve(__dirname, '../../shared/ksef/samples/invoice-template_v3.xml'), 'utf8');

function nip(): string {
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const d = [1 + Math.floor(Math.random() * 9), ...Array.from({ length: 8 }, () => Math.floor(Math.random() * 10))];
    const c = d.reduce((a, x, i) => a + x * w[i]!, 0) % 11;
    if (c < 10 && d[1]! + d[2]! > 0) return [...d, c].join('');
  }
}

function invoice(seller: string, n: number): Buffer {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
  return Buffer.from(
    TEMPLATE.replaceAll('#nip#', seller)
      .replaceAll('#invoicing_date#', today)
      .replaceAll('#invoice_number#', `${randomUUID().slice(0, 6)}-${n}`),
  );
}

/** Exact minimum time to issue `n` requests under sliding windows: greedy issuance is optimal. */
async function minimumMs(n: number, limits: RateLimitWindows): Promise<number> {
  const clock = new FakeClock(0);
  const limiter = new InMemoryRateLimiter({ clock, paddingMs: 0 });
  const key = { context: 'c', bucket: 'b' };
  for (let i = 0; i < n; i++) await limiter.complete(key, await acquirePermit(limiter, key, limits, clock));
  return clock.now();
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function main(): Promise<void> {
  const sim = await createSimulator({
    logLevel: 'silent',
    processingDelayMs: PROCESSING_MS,
    rateLimits: { enabled: true },
  });
  const root = await sim.listen(0, '127.0.0.1');
  const ksef = new KsefClient({
    environment: simulatorEnvironment(`${root}/v2`),
    onRateLimitDefect: (d) =>
      console.log(`429 (limiter defect): ${d.method} ${d.path} bucket=${d.bucket} retryAfter=${d.retryAfterMs} ms`),
  });
  const seller = nip();
  const cert = await createSelfSignedCertificate(
    { organizationName: 'Bench', organizationIdentifier: `VATPL-${seller}`, commonName: 'Bench', countryName: 'PL' },
    'ec',
  );
  const session = ksef.login({
    kind: 'certificate',
    context: { type: 'Nip', value: seller },
    certificate: cert.certificatePem,
    privateKey: cert.privateKey,
  });
  await session.accessToken();

  // Interactive drain: open, send all (the limiter paces them), close, wait for every KSeF number.
  const t0 = performance.now();
  const online = await ksef.online(session).open();
  await pool(
    Array.from({ length: INTERACTIVE }, (_, i) => i),
    8,
    async (i) => void (await online.send(invoice(seller, i))),
  );
  await online.close();
  for (;;) {
    const all = await online.statusApi.invoices(online.referenceNumber);
    if (all.length >= INTERACTIVE && all.every((x) => x.status.code >= 200)) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const interactiveMs = performance.now() - t0;
  const interactiveMin = await minimumMs(INTERACTIVE, PRODUCTION_RATE_LIMITS.invoiceSend);
  const interactiveMin10k = await minimumMs(10_000, PRODUCTION_RATE_LIMITS.invoiceSend);

  // Batch drain: one session with BATCH invoices.
  const files = Array.from({ length: BATCH }, (_, i) => ({
    name: `f-${i}.xml`,
    content: invoice(seller, 100_000 + i),
  }));
  const t1 = performance.now();
  const state = await ksef.batch(session).send(files, { concurrency: 4 });
  const { invoices } = await ksef.batch(session).results(state.referenceNumber, 3_600_000);
  const batchMs = performance.now() - t1;
  const accepted = invoices.filter((x) => x.status.code === 200).length;
  const batchMin = await minimumMs(2, PRODUCTION_RATE_LIMITS.batchSession);

  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`simulator processing delay: ${PROCESSING_MS} ms/step; production rate limits on`);
  console.log(
    `interactive: ${INTERACTIVE} invoices drained in ${fmt(interactiveMs)}; minimum under limits ${fmt(interactiveMin)}; ratio ${(interactiveMs / Math.max(1, interactiveMin)).toFixed(2)}`,
  );
  console.log(
    `interactive: minimum for 10,000 invoices under the production limits: ${(interactiveMin10k / 3_600_000).toFixed(1)} h`,
  );
  console.log(
    `batch: ${BATCH} invoices (${accepted} accepted, ${state.partUploadRequests.length} part(s)) drained in ${fmt(batchMs)}; request minimum under limits ${fmt(batchMin)} (processing time dominates)`,
  );
  console.log(
    `429 responses: ${ksef.http.stats.rateLimited}; retries: ${ksef.http.stats.retries}; requests: ${ksef.http.stats.requests}`,
  );
  await sim.close();
}

void main();
