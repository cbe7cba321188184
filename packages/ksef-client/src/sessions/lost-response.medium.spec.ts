import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsefOutcomeUnknownError } from '../http/ksef-errors';
import { type KsefClient } from '../ksef-client';
import { isValidKsefNumber } from '../qr/qr-links';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';
import { type OnlineSession } from './online-session';

/** One scripted fault of the simulator's control API (`POST /sim/faults`, not part of KSeF). */
interface Fault {
  method?: string;
  path?: string;
  group?: string;
  when?: 'before' | 'after';
  action: 'error' | 'drop' | 'delay';
  status?: number;
  delayMs?: number;
  times?: number;
}

let sim: RunningSimulator;
let ksef: KsefClient;
const CLIENT_TIMEOUT_MS = 1_000;
const SEND = { method: 'POST', group: 'invoiceSend' } as const;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
  ksef = sim.client({ retryBaseMs: 20, timeoutMs: CLIENT_TIMEOUT_MS });
});

afterAll(async () => {
  await sim?.close();
});

async function inject(...scripted: Fault[]): Promise<void> {
  const res = await sim.control('POST', '/sim/faults', { scripted });
  expect(res.status).toBe(200);
}

async function firedFaults(): Promise<{ fired: number; pending: unknown[] }> {
  const res = await sim.control('GET', '/sim/faults');
  return ((await res.json()) as { scripted: { fired: number; pending: unknown[] } }).scripted;
}

async function openSession(): Promise<{ nip: string; online: OnlineSession }> {
  await sim.control('DELETE', '/sim/faults');
  const nip = randomNip();
  const session = await ownerSession(ksef, nip);
  return { nip, online: await ksef.online(session).open() };
}

/** Every invoice KSeF holds in the session, once all have a final status. */
async function finalInvoices(online: OnlineSession) {
  for (;;) {
    const all = await online.statusApi.invoices(online.referenceNumber);
    if (all.every((i) => i.status.code >= 200)) return all;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('faults injected by the simulator', () => {
  it('retries idempotent reads after 5xx, a timeout and a lost answer', async () => {
    const { nip, online } = await openSession();
    const sent = await online.send(fa3Invoice(nip, randomUUID().slice(0, 8)));
    await inject(
      { method: 'GET', group: 'sessionInvoiceList', action: 'error', status: 503 },
      { method: 'GET', group: 'sessionInvoiceList', action: 'error', status: 500 },
      { method: 'GET', group: 'sessionInvoiceList', action: 'delay', delayMs: CLIENT_TIMEOUT_MS * 3 },
      { method: 'GET', group: 'invoiceStatus', when: 'after', action: 'drop' },
      { method: 'GET', group: 'invoiceStatus', when: 'after', action: 'error', status: 502 },
    );
    const retriesBefore = ksef.http.stats.retries;

    const listed = await online.statusApi.invoices(online.referenceNumber);
    expect(listed.map((i) => i.referenceNumber)).toEqual([sent.referenceNumber]);
    const status = await online.waitForInvoice(sent.referenceNumber);
    expect(isValidKsefNumber(status.ksefNumber ?? '')).toBe(true);

    expect(await firedFaults()).toEqual({ fired: 5, pending: [] });
    expect(ksef.http.stats.retries - retriesBefore).toBeGreaterThanOrEqual(5);
  });

  it('a send accepted by KSeF whose answer is lost is found by its hash, never sent again', async () => {
    const { nip, online } = await openSession();
    const xml = fa3Invoice(nip, randomUUID().slice(0, 8));
    await inject({ ...SEND, when: 'after', action: 'drop' });

    const lost = await online.send(xml).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(KsefOutcomeUnknownError);
    expect((lost as KsefOutcomeUnknownError).sessionReferenceNumber).toBe(online.referenceNumber);
    // The client did not repeat the send on its own.
    expect(await firedFaults()).toEqual({ fired: 1, pending: [] });

    const found = await online.findInvoiceByHash((lost as KsefOutcomeUnknownError).invoiceHash);
    expect(found).toBeDefined();
    const invoices = await finalInvoices(online);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.status.code).toBe(200);
  });

  it.each([
    ['a timeout (answer held back past the client timeout)', { action: 'delay', delayMs: CLIENT_TIMEOUT_MS * 3 }],
    ['a 5xx', { action: 'error', status: 503 }],
    ['a dropped connection', { action: 'drop' }],
  ] as const)('sendReconciled after %s once KSeF accepted the invoice: recovered, one invoice', async (_, fault) => {
    const { nip, online } = await openSession();
    const xml = fa3Invoice(nip, randomUUID().slice(0, 8));
    await inject({ ...SEND, when: 'after', ...fault });

    const result = await online.sendReconciled(xml);
    expect(result).toMatchObject({
      sends: 1,
      recovered: true,
      invoiceHash: createHash('sha256').update(xml).digest('base64'),
    });
    const invoices = await finalInvoices(online);
    expect(invoices.map((i) => i.referenceNumber)).toEqual([result.referenceNumber]);
    expect(invoices[0]!.ksefNumber).toBeTruthy();
  });

  it.each([
    ['a 5xx', { action: 'error', status: 500 }],
    ['a dropped connection', { action: 'drop' }],
  ] as const)('sendReconciled after %s before KSeF saw the invoice: sent again, one invoice', async (_, fault) => {
    const { nip, online } = await openSession();
    const xml = fa3Invoice(nip, randomUUID().slice(0, 8));
    await inject({ ...SEND, when: 'before', ...fault });

    const result = await online.sendReconciled(xml);
    expect(result).toMatchObject({ sends: 2, recovered: false });
    const invoices = await finalInvoices(online);
    expect(invoices).toHaveLength(1);
    expect(invoices[0]!.status.code).toBe(200);
  });

  it('sendReconciled gives up after the allowed number of sends and reports the unknown outcome', async () => {
    const { nip, online } = await openSession();
    await inject({ ...SEND, action: 'error', status: 503, times: 2 });
    const err = await online
      .sendReconciled(fa3Invoice(nip, randomUUID().slice(0, 8)), { attempts: 2 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefOutcomeUnknownError);
    expect(await online.statusApi.invoices(online.referenceNumber)).toHaveLength(0);
  });
});
