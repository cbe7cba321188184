import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnvironment } from '../environment/ksef-environment';
import { KsefOutcomeUnknownError } from '../http/ksef-errors';
import { KsefClient } from '../ksef-client';
import { FaultProxy, type FaultAction } from '../testing/fault-proxy';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';

let sim: RunningSimulator;
let proxy: FaultProxy;
let ksef: KsefClient;
const plan: { match: RegExp; method: string; actions: FaultAction[] }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
  proxy = new FaultProxy(sim.rootUrl, (method, path) => {
    const rule = plan.find((p) => p.method === method && p.match.test(path) && p.actions.length > 0);
    return rule?.actions.shift() ?? 'pass';
  });
  const base = await proxy.start();
  ksef = new KsefClient({ environment: simulatorEnvironment(`${base}/v2`), retryBaseMs: 20, timeoutMs: 10_000 });
});

afterAll(async () => {
  await proxy?.close();
  await sim?.close();
});

describe('faults between the client and KSeF (simulator behind a fault proxy)', () => {
  it('retries safe reads after 5xx and never re-sends an invoice whose response was lost', async () => {
    const nip = randomNip();
    const session = await ownerSession(ksef, nip);
    const online = await ksef.online(session).open();
    const xml = fa3Invoice(nip, randomUUID().slice(0, 8));

    // KSeF accepts the invoice but the answer never arrives.
    plan.push({ method: 'POST', match: /\/sessions\/online\/[^/]+\/invoices$/, actions: ['drop-response-after'] });
    const lost = await online.send(xml).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(KsefOutcomeUnknownError);
    const sendsSoFar = proxy.log.filter((l) => l.method === 'POST' && l.path.endsWith('/invoices')).length;
    expect(sendsSoFar).toBe(1);

    // Status reads fail twice with 5xx and are retried transparently.
    plan.push({
      method: 'GET',
      match: /\/sessions\/[^/]+\/invoices/,
      actions: ['respond-503-before', 'respond-502-after'],
    });
    const found = await online.findInvoiceByHash((lost as KsefOutcomeUnknownError).invoiceHash);
    expect(found).toBeDefined();
    const accepted = await online.waitForInvoice(found!.referenceNumber);
    expect(accepted.ksefNumber).toBeTruthy();

    // Exactly one invoice exists in the session: nothing was sent twice.
    const all = await online.statusApi.invoices(online.referenceNumber);
    expect(all).toHaveLength(1);
    expect(proxy.log.filter((l) => l.method === 'POST' && l.path.endsWith('/invoices'))).toHaveLength(1);
    expect(ksef.http.stats.retries).toBeGreaterThanOrEqual(2);
  });

  it('does not retry a 5xx on send (the outcome is unknown) and reports it', async () => {
    const nip = randomNip();
    const session = await ownerSession(ksef, nip);
    const online = await ksef.online(session).open();
    plan.push({ method: 'POST', match: /\/sessions\/online\/[^/]+\/invoices$/, actions: ['respond-502-after'] });
    const before = proxy.log.length;
    const err = await online.send(fa3Invoice(nip, randomUUID().slice(0, 8))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefOutcomeUnknownError);
    expect(proxy.log.slice(before).filter((l) => l.method === 'POST' && l.path.endsWith('/invoices'))).toHaveLength(1);
    // The send did reach KSeF: the reconciliation finds it.
    expect(await online.findInvoiceByHash((err as KsefOutcomeUnknownError).invoiceHash)).toBeDefined();
  });
});
