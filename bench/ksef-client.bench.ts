/**
 * KSeF client drain benchmark: `npx tsx bench/ksef-client.bench.ts`. Starts the simulator in-process with the
 * production rate-limit table, drains the invoices of one tenant interactively and in a batch session, and prints
 * for each: the drain time, the theoretical minimum under the limits, the ratio actual/minimum and the 429s (as
 * counted by the client and by the simulator). It asserts nothing.
 *
 * Interactive sending is allowed 180 invoices per hour, so 10,000 take at least 55 hours. That drain is MEASURED
 * on a simulator whose time runs BENCH_TIME_SCALE times faster (rate-limit windows, Retry-After, token lifetimes,
 * processing delays); the client runs on a clock scaled the same way, started from the simulator's clock. Both the
 * simulated and the wall time are printed. The batch drain is bound by processing, not by limits, so it runs on a
 * second simulator in real time (scale 1).
 *
 * Env: BENCH_INVOICES (default 10,000), BENCH_TIME_SCALE (default 900: 55 h in about 3.7 min),
 * BENCH_CONCURRENCY (interactive sends in flight, default 4), BENCH_PROCESSING_MS (simulator processing delay per
 * step in simulated ms, default 200), BENCH_SKIP_BATCH=1 / BENCH_SKIP_INTERACTIVE=1.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  acquirePermit,
  createSelfSignedCertificate,
  FakeClock,
  InMemoryRateLimiter,
  KsefClient,
  ScaledClock,
  simulatorEnvironment,
  type Clock,
  type KsefSession,
  type RateLimitWindows,
} from '../packages/ksef-client/src/index';
import { createSimulator } from '../apps/ksef-simulator/src/index';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 10_000);
const SCALE = Number(process.env.BENCH_TIME_SCALE ?? 900);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PROCESSING_MS = Number(process.env.BENCH_PROCESSING_MS ?? 200);
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

/** Exact minimum time to issue `n` requests under sliding windows (greedy issuance is optimal). */
async function minimumMs(n: number, limits: RateLimitWindows): Promise<number> {
  const clock = new FakeClock(0);
  const limiter = new InMemoryRateLimiter({ clock, paddingMs: 0 });
  const key = { context: 'c', bucket: 'b' };
  for (let i = 0; i < n; i++) await limiter.complete(key, await acquirePermit(limiter, key, limits, clock));
  return clock.now();
}

const hours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function start(timeScale: number) {
  const sim = await createSimulator({
    logLevel: 'silent',
    processingDelayMs: PROCESSING_MS,
    rateLimits: { enabled: true },
    timeScale,
  });
  const root = await sim.listen(0, '127.0.0.1');
  // The client's clock starts where the simulator's is, and runs at the same speed.
  const simClock = (await (await fetch(`${root}/sim/clock`)).json()) as { nowMs: number; timeScale: number };
  const clock: Clock =
    timeScale === 1
      ? { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }
      : new ScaledClock(simClock.timeScale, simClock.nowMs);
  let defects = 0;
  const ksef = new KsefClient({
    environment: simulatorEnvironment(`${root}/v2`),
    clock,
    onRateLimitDefect: () => defects++,
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
  const limits = await ksef.limits(session).rateLimits();
  const serverThrottled = async () => {
    const stats = (await (await fetch(`${root}/sim/stats`)).json()) as {
      groups: Record<string, { throttled: number }>;
    };
    return Object.values(stats.groups).reduce((sum, g) => sum + g.throttled, 0);
  };
  return { sim, ksef, session, seller, clock, limits, serverThrottled, defects: () => defects };
}

async function acceptedIn(
  ksef: KsefClient,
  session: KsefSession,
  refs: string[],
): Promise<{ accepted: number; all: number }> {
  const api = ksef.sessions(session);
  let accepted = 0;
  let all = 0;
  for (const ref of refs) {
    const listed = await api.invoices(ref);
    all += listed.length;
    accepted += listed.filter((i) => i.status.code === 200 && i.ksefNumber).length;
  }
  return { accepted, all };
}

async function interactive(): Promise<void> {
  const env = await start(SCALE);
  const { ksef, session, seller, clock } = env;
  await session.accessToken();
  const simStart = clock.now();
  const wallStart = performance.now();
  function* invoices() {
    for (let i = 0; i < INVOICES; i++) yield { id: String(i), xml: invoice(seller, i) };
  }
  const result = await ksef.drain(session, { concurrency: CONCURRENCY }).run(invoices());
  // Drained = every session closed and processed (all its invoices have their final status).
  const api = ksef.sessions(session);
  for (const ref of result.sessions) await api.waitForSession(ref, { timeoutMs: 3_600_000 });
  const simMs = clock.now() - simStart;
  const wallMs = performance.now() - wallStart;
  const { accepted, all } = await acceptedIn(ksef, session, result.sessions);

  const sendLimits = env.limits.invoiceSend;
  const sendsMin = await minimumMs(INVOICES, sendLimits);
  // After the last permitted send, its two processing steps (100 -> 150 -> 200); the session closes meanwhile.
  const minimum = sendsMin + 2 * PROCESSING_MS;
  console.log(
    `interactive: ${INVOICES} invoices, ${result.sessions.length} session(s), concurrency ${CONCURRENCY}, time scale ${SCALE}× ` +
      `(limits invoiceSend ${sendLimits.perSecond}/s ${sendLimits.perMinute}/min ${sendLimits.perHour}/h)`,
  );
  console.log(
    `interactive: drained in ${hours(simMs)} simulated (${seconds(wallMs)} wall); minimum under the limits ${hours(minimum)}; ratio ${(simMs / minimum).toFixed(3)}`,
  );
  console.log(
    `interactive: ${accepted} of ${all} invoices in KSeF accepted with a KSeF number; sends failed: ${result.failed.length}; answers reconciled: ${result.sent.filter((s) => s.recovered).length}`,
  );
  console.log(
    `interactive: 429s seen by the client ${ksef.http.stats.rateLimited} (limiter defects ${env.defects()}), counted by the simulator ${await env.serverThrottled()}; requests ${ksef.http.stats.requests}`,
  );
  await env.sim.close();
}

async function batch(): Promise<void> {
  const env = await start(1);
  const { ksef, session, seller } = env;
  await session.accessToken();
  for (const compressionType of ['Zip', 'TarGz'] as const) {
    const files = Array.from({ length: INVOICES }, (_, i) => ({
      name: `f-${i}.xml`,
      content: invoice(seller, (compressionType === 'Zip' ? 100_000 : 200_000) + i),
    }));
    const t0 = performance.now();
    const state = await ksef.batch(session).send(files, { concurrency: 4, compressionType });
    const closedAt = Date.now();
    const { status, invoices } = await ksef.batch(session).results(state.referenceNumber, 3_600_000);
    const batchMs = performance.now() - t0;
    const accepted = invoices.filter((x) => x.status.code === 200).length;

    // Floor: KSeF's own processing of the package (close -> final status, by the simulator's timestamps), plus the
    // requests the drain needs at the fastest rate the limits allow (open and close; status; result pages).
    const processingMs = Math.max(0, Date.parse(status.dateUpdated) - closedAt);
    const pages = Math.ceil(INVOICES / 1000);
    const requestsMin =
      (await minimumMs(2, env.limits.batchSession)) +
      (await minimumMs(1, env.limits.sessionMisc)) +
      (await minimumMs(pages, env.limits.sessionInvoiceList));
    const minimum = processingMs + requestsMin;
    console.log(
      `batch (${compressionType}): ${INVOICES} invoices (${accepted} accepted, ${state.partUploadRequests.length} part(s)) drained in ${seconds(batchMs)} (real time, scale 1); ` +
        `minimum ${seconds(minimum)} = simulator processing ${seconds(processingMs)} + requests under the limits ${seconds(requestsMin)}; ratio ${(batchMs / minimum).toFixed(3)}`,
    );
  }
  console.log(
    `batch: 429s seen by the client ${ksef.http.stats.rateLimited}, counted by the simulator ${await env.serverThrottled()}; requests ${ksef.http.stats.requests}`,
  );
  await env.sim.close();
}

async function main(): Promise<void> {
  console.log(
    `ksef-client drain bench: ${INVOICES} invoices of one tenant, production rate limits, processing delay ${PROCESSING_MS} ms/step (simulated); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (process.env.BENCH_SKIP_INTERACTIVE !== '1') await interactive();
  if (process.env.BENCH_SKIP_BATCH !== '1') await batch();
  console.log(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

void main();
