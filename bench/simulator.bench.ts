/**
 * KSeF simulator benchmark: `npx tsx bench/simulator.bench.ts`. The simulator runs in a child process (rate limits
 * off) and this process drives it over HTTP like a client would (node:crypto, fetch). Prints figures, asserts nothing.
 * Targets (issue 5): ≥ 2,000 status req/s, ≥ 300 invoice sends/s, < 1 GB with 100,000 stored invoices.
 * BENCH_SECONDS (default 5) sets each measured window; BENCH_CONCURRENCY (default 32) the parallel clients;
 * BENCH_CPU_PROF=1 writes a V8 CPU profile of the simulator process to /tmp/work/prof.
 * On a shared machine read the "per simulator CPU-second" figures: they are what one free core would serve.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { constants, createCipheriv, createHash, publicEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const STORED_INVOICES = 100_000;
const NIP = '5265877635';
const FA3 = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' };

type ChildMessage =
  | { type: 'ready'; url: string }
  | { type: 'filled'; count: number; ms: number }
  | { type: 'memory'; usage: NodeJS.MemoryUsage; storedInvoices: number }
  | { type: 'cpu'; seconds: number };

const TEMPLATE = readFileSync(resolve(__dirname, '../../shared/ksef/samples/invoice-template_v3.xml'), 'utf8');
const ISSUE_DATE = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const RUN = randomBytes(3).toString('hex');

/** The Java client's FA(3) sample (4.6 kB) with a unique invoice number. */
function invoiceXml(n: number): Buffer {
  return Buffer.from(
    TEMPLATE.replaceAll('#nip#', NIP)
      .replaceAll('#invoicing_date#', ISSUE_DATE)
      .replaceAll('#invoice_number#', `B${n}-${RUN}`),
  );
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('base64');

// ---------------------------------------------------------------- child: the simulator process
/*
 * The simulator's sources are typed against its own tsconfig (DOM lib for webcrypto/xmldom); the bench program
 * sees only the few functions it calls, through these local shapes.
 */
interface BenchSimulator {
  ctx: { store: unknown };
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}
interface StoredRecord {
  xml: Buffer;
  invoiceNumber: string;
  invoiceHash: string;
  ksefNumber: string;
  acquisitionDate: number;
}
interface SimulatorModules {
  createSimulator: (options: object) => Promise<BenchSimulator>;
  storeTestInvoice: (sim: BenchSimulator, xml: Buffer) => StoredRecord;
  storedInvoicesTable: (store: unknown) => Map<string, StoredRecord>;
  newKsefNumber: (nip: string, epochMs: number) => string;
}

async function simulatorModules(): Promise<SimulatorModules> {
  const modules = await Promise.all([
    import('../apps/ksef-simulator/src/simulator'),
    import('../apps/ksef-simulator/src/testing/stored-invoice-fixtures'),
    import('../apps/ksef-simulator/src/domain/stored-invoice'),
    import('../apps/ksef-simulator/src/core/identifiers'),
  ]);
  return Object.assign({}, ...(modules as unknown as object[])) as SimulatorModules;
}

async function runServer(): Promise<void> {
  const { createSimulator, storeTestInvoice, storedInvoicesTable, newKsefNumber } = await simulatorModules();
  const sim = await createSimulator({ rateLimits: { enabled: false }, processingDelayMs: 0, logLevel: 'silent' });
  const url = await sim.listen(0, '127.0.0.1');
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', (message: { cmd: string; count?: number }) => {
    if (message.cmd === 'fill') {
      // Records as processing stores them, each with its own XML bytes (the template the sends use, with a distinct
      // invoice number) and its own copy of the facts; the facts are read once, not re-parsed 100,000 times.
      const start = performance.now();
      const first = storeTestInvoice(sim, invoiceXml(1_000_000));
      const table = storedInvoicesTable(sim.ctx.store);
      for (let i = 1; i < (message.count ?? 0); i++) {
        const xml = invoiceXml(1_000_000 + i);
        const record = structuredClone({ ...first, xml: Buffer.alloc(0) });
        record.xml = xml;
        record.invoiceNumber = `M${i}`;
        record.invoiceHash = sha256(xml);
        record.ksefNumber = newKsefNumber(NIP, record.acquisitionDate + i);
        table.set(record.ksefNumber, record);
      }
      send({ type: 'filled', count: message.count ?? 0, ms: performance.now() - start });
    } else if (message.cmd === 'memory') {
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'memory', usage: process.memoryUsage(), storedInvoices: storedInvoicesTable(sim.ctx.store).size });
    } else if (message.cmd === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', seconds: (usage.user + usage.system) / 1e6 });
    } else if (message.cmd === 'stop') {
      void sim.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', url });
}

// ---------------------------------------------------------------- parent: the client
function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolvePromise) => {
    const listener = (message: ChildMessage) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolvePromise(message as Extract<ChildMessage, { type: T }>);
    };
    child.on('message', listener);
  });
}

async function call<T>(
  url: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function publicKey(api: string, usage: string) {
  const certs = await call<{ certificate: string; publicKeyId: string; usage: string[] }[]>(
    `${api}/security/public-key-certificates`,
  );
  const cert = certs.body.find((c) => c.usage.includes(usage))!;
  return { key: new X509Certificate(Buffer.from(cert.certificate, 'base64')).publicKey, publicKeyId: cert.publicKeyId };
}

async function login(root: string, api: string): Promise<string> {
  const context = await call<{ ksefToken: string }>(`${root}/sim/contexts`, { method: 'POST', body: { nip: NIP } });
  const { key, publicKeyId } = await publicKey(api, 'KsefTokenEncryption');
  const challenge = await call<{ challenge: string; timestampMs: number }>(`${api}/auth/challenge`, { method: 'POST' });
  const encryptedToken = publicEncrypt(
    { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(`${context.body.ksefToken}|${challenge.body.timestampMs}`),
  ).toString('base64');
  const init = await call<{ referenceNumber: string; authenticationToken: { token: string } }>(
    `${api}/auth/ksef-token`,
    {
      method: 'POST',
      body: {
        challenge: challenge.body.challenge,
        contextIdentifier: { type: 'Nip', value: NIP },
        encryptedToken,
        publicKeyId,
      },
    },
  );
  const authToken = init.body.authenticationToken.token;
  for (;;) {
    const status = await call<{ status: { code: number } }>(`${api}/auth/${init.body.referenceNumber}`, {
      token: authToken,
    });
    if (status.body.status.code !== 100) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const redeemed = await call<{ accessToken: { token: string } }>(`${api}/auth/token/redeem`, {
    method: 'POST',
    token: authToken,
  });
  return redeemed.body.accessToken.token;
}

interface Session {
  referenceNumber: string;
  key: Buffer;
  iv: Buffer;
}

async function openSession(api: string, token: string): Promise<Session> {
  const { key: rsa, publicKeyId } = await publicKey(api, 'SymmetricKeyEncryption');
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const encryptedSymmetricKey = publicEncrypt(
    { key: rsa, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    key,
  ).toString('base64');
  const res = await call<{ referenceNumber: string }>(`${api}/sessions/online`, {
    method: 'POST',
    token,
    body: {
      formCode: FA3,
      encryption: { encryptedSymmetricKey, initializationVector: iv.toString('base64'), publicKeyId },
    },
  });
  if (res.status !== 201) throw new Error(`session open failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { referenceNumber: res.body.referenceNumber, key, iv };
}

function sendBody(session: Session, n: number) {
  const xml = invoiceXml(n);
  const cipher = createCipheriv('aes-256-cbc', session.key, session.iv);
  const encrypted = Buffer.concat([cipher.update(xml), cipher.final()]);
  return {
    invoiceHash: sha256(xml),
    invoiceSize: xml.length,
    encryptedInvoiceHash: sha256(encrypted),
    encryptedInvoiceSize: encrypted.length,
    encryptedInvoiceContent: encrypted.toString('base64'),
    offlineMode: false,
  };
}

interface Throughput {
  perSecond: number;
  /** Requests per CPU-second of the simulator process: what one free core would serve on this shared machine. */
  perCpuSecond: number;
  errors: number;
  count: number;
}

/** Runs `CONCURRENCY` request loops for `SECONDS`; returns completed requests per wall and per simulator CPU second. */
async function sustained(child: ChildProcess, request: (i: number) => Promise<number>): Promise<Throughput> {
  let count = 0;
  let errors = 0;
  let next = 0;
  const cpuBefore = await (child.send({ cmd: 'cpu' }), nextMessage(child, 'cpu'));
  const end = performance.now() + SECONDS * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const status = await request(next++);
        count++;
        if (status >= 300) errors++;
      }
    }),
  );
  const wall = (performance.now() - start) / 1000;
  const cpuAfter = await (child.send({ cmd: 'cpu' }), nextMessage(child, 'cpu'));
  return { perSecond: count / wall, perCpuSecond: count / (cpuAfter.seconds - cpuBefore.seconds), errors, count };
}

const figures = (t: Throughput) =>
  `${t.perSecond.toFixed(0)} req/s wall-clock, ${t.perCpuSecond.toFixed(0)} req per simulator CPU-second`;

async function main(): Promise<void> {
  const child = fork(__filename, ['--server'], {
    execArgv: [
      ...process.execArgv,
      '--expose-gc',
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/work/prof'] : []),
    ],
    stdio: 'inherit',
  });
  const { url: root } = await nextMessage(child, 'ready');
  const api = `${root}/v2`;
  try {
    const token = await login(root, api);
    const sessions = await Promise.all(Array.from({ length: 4 }, () => openSession(api, token)));

    // Invoice sends: bodies are prepared before the window so only the HTTP call is measured.
    const bodies = Array.from({ length: 8000 }, (_, n) => ({
      session: sessions[n % sessions.length]!,
      body: sendBody(sessions[n % sessions.length]!, n),
    }));
    const sent: { session: string; invoice: string }[] = [];
    const sendStart = performance.now();
    const sends = await sustained(child, async (i) => {
      const item = bodies[i % bodies.length]!;
      const res = await call<{ referenceNumber: string }>(
        `${api}/sessions/online/${item.session.referenceNumber}/invoices`,
        {
          method: 'POST',
          token,
          body: item.body,
        },
      );
      if (res.status === 202) sent.push({ session: item.session.referenceNumber, invoice: res.body.referenceNumber });
      return res.status;
    });
    // Until every accepted invoice has its final status (KSeF number or error).
    for (;;) {
      const states = await Promise.all(
        sessions.map((s) =>
          call<{ invoiceCount?: number; successfulInvoiceCount?: number; failedInvoiceCount?: number }>(
            `${api}/sessions/${s.referenceNumber}`,
            { token },
          ),
        ),
      );
      const done = states.reduce(
        (sum, s) => sum + (s.body.successfulInvoiceCount ?? 0) + (s.body.failedInvoiceCount ?? 0),
        0,
      );
      if (done >= sent.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const processedPerSecond = sent.length / ((performance.now() - sendStart) / 1000);
    console.log(
      `machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} (wall-clock figures shrink under load)`,
    );
    console.log(
      `invoice sends (POST /sessions/online/{ref}/invoices, target ≥ 300/s): ${figures(sends)}, ${sends.errors} non-2xx`,
    );
    console.log(`  all ${sent.length} processed to a final status at ${processedPerSecond.toFixed(0)} invoices/s`);

    const status = await sustained(child, async (i) => {
      const item = sent[i % sent.length]!;
      return (await call(`${api}/sessions/${item.session}/invoices/${item.invoice}`, { token })).status;
    });
    console.log(
      `status queries (GET /sessions/{ref}/invoices/{invoiceRef}, target ≥ 2,000/s): ${figures(status)}, ${status.errors} non-2xx`,
    );

    const before = await (child.send({ cmd: 'memory' }), nextMessage(child, 'memory'));
    child.send({ cmd: 'fill', count: STORED_INVOICES - before.storedInvoices });
    const filled = await nextMessage(child, 'filled');
    const after = await (child.send({ cmd: 'memory' }), nextMessage(child, 'memory'));
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    console.log(
      `memory with ${after.storedInvoices} stored invoices: rss ${mb(after.usage.rss)} (target < 1 GB), heap ${mb(after.usage.heapUsed)}, ` +
        `buffers ${mb(after.usage.arrayBuffers)}; before filling rss ${mb(before.usage.rss)}; filled ${filled.count} in ${(filled.ms / 1000).toFixed(1)} s`,
    );
  } finally {
    child.send({ cmd: 'stop' });
  }
}

if (process.argv.includes('--server')) void runServer();
else void main();
