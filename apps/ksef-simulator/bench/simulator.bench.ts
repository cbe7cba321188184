/**
 * Sustained throughput of the simulator with rate limits disabled: invoice status queries and invoice sends.
 * Prints numbers; asserts nothing (targets: >= 2,000 status req/s, >= 300 sends/s).
 * Run: npx tsx apps/ksef-simulator/bench/simulator.bench.ts
 */
import { Agent, request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSimulator } from '../src/simulator';
import { aesEncrypt, randomAesKey, randomNip, rsaOaepEncrypt, sha256b64 } from '../src/testing/test-crypto';

const TEMPLATE = readFileSync(resolve(__dirname, '../../../../shared/ksef/samples/invoice-template_v3.xml'), 'utf8');

function invoice(nip: string): Buffer {
  return Buffer.from(
    TEMPLATE.replaceAll('#nip#', nip)
      .replaceAll('#invoicing_date#', new Date().toISOString().slice(0, 10))
      .replaceAll('#invoice_number#', randomUUID().slice(0, 8)),
  );
}

async function json<T>(url: string, init: { method: string; token?: string; body?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init.method,
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return (await res.json()) as T;
}

type Cert = { certificate: string; publicKeyId: string; usage: string[] };

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function call(url: URL, method: string, token: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function sustained(
  label: string,
  seconds: number,
  concurrency: number,
  once: () => Promise<number>,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const status = await once();
        if (status < 300) ok++;
        else failed++;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  console.log(
    `${label}: ${(ok / elapsed).toFixed(0)} req/s (${ok} ok, ${failed} failed, ${elapsed.toFixed(1)} s, concurrency ${concurrency})`,
  );
}

async function main(): Promise<void> {
  const sim = await createSimulator({ rateLimits: { enabled: false }, processingDelayMs: 0 });
  const root = await sim.listen(0);
  const api = `${root}/v2`;
  const nip = randomNip();
  const { ksefToken } = await json<{ ksefToken: string }>(`${root}/sim/contexts`, { method: 'POST', body: { nip } });
  const certs = await json<Cert[]>(`${api}/security/public-key-certificates`, { method: 'GET' });
  const cert = (usage: string) => certs.find((c) => c.usage.includes(usage))!;
  const challenge = await json<{ challenge: string; timestampMs: number }>(`${api}/auth/challenge`, { method: 'POST' });
  const init = await json<{ referenceNumber: string; authenticationToken: { token: string } }>(
    `${api}/auth/ksef-token`,
    {
      method: 'POST',
      body: {
        challenge: challenge.challenge,
        contextIdentifier: { type: 'Nip', value: nip },
        encryptedToken: rsaOaepEncrypt(
          cert('KsefTokenEncryption').certificate,
          Buffer.from(`${ksefToken}|${challenge.timestampMs}`),
        ),
      },
    },
  );
  await new Promise((r) => setTimeout(r, 50));
  const tokens = await json<{ accessToken: { token: string } }>(`${api}/auth/token/redeem`, {
    method: 'POST',
    token: init.authenticationToken.token,
  });
  const token = tokens.accessToken.token;
  const { key, iv } = randomAesKey();
  const session = await json<{ referenceNumber: string }>(`${api}/sessions/online`, {
    method: 'POST',
    token,
    body: {
      formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
      encryption: {
        encryptedSymmetricKey: rsaOaepEncrypt(cert('SymmetricKeyEncryption').certificate, key),
        initializationVector: iv.toString('base64'),
      },
    },
  });
  const sendBody = (xml: Buffer) => {
    const encrypted = aesEncrypt(key, iv, xml);
    return JSON.stringify({
      invoiceHash: sha256b64(xml),
      invoiceSize: xml.length,
      encryptedInvoiceHash: sha256b64(encrypted),
      encryptedInvoiceSize: encrypted.length,
      encryptedInvoiceContent: encrypted.toString('base64'),
    });
  };
  const sendUrl = new URL(`${api}/sessions/online/${session.referenceNumber}/invoices`);
  const first = await json<{ referenceNumber: string }>(sendUrl.href, {
    method: 'POST',
    token,
    body: JSON.parse(sendBody(invoice(nip))) as unknown,
  });
  const statusUrl = new URL(`${api}/sessions/${session.referenceNumber}/invoices/${first.referenceNumber}`);
  await sustained('invoice status (GET /sessions/{ref}/invoices/{invoiceRef})', 5, 32, () =>
    call(statusUrl, 'GET', token),
  );

  // Pre-encrypted distinct invoices keep the client cheap; each send is fully processed (XSD included).
  const bodies = Array.from({ length: 3000 }, () => sendBody(invoice(nip)));
  let next = 0;
  await sustained('invoice send (POST /sessions/online/{ref}/invoices)', 5, 16, () =>
    call(sendUrl, 'POST', token, bodies[next++ % bodies.length]),
  );
  await new Promise((r) => setTimeout(r, 500));
  const memory = process.memoryUsage();
  console.log(`memory: rss ${(memory.rss / 1e6).toFixed(0)} MB, heap ${(memory.heapUsed / 1e6).toFixed(0)} MB`);
  agent.destroy();
  await sim.close();
}

void main();
