import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefClient } from '../ksef-client';
import { isValidKsefNumber } from '../qr/qr-links';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';

let sim: RunningSimulator;
let ksef: KsefClient;

beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
  ksef = sim.client({ retryBaseMs: 20 });
});

afterAll(async () => {
  await sim?.close();
});

describe('OnlineDrain against the simulator', () => {
  it('spreads invoices over as many sessions as needed, closes them all, each invoice accepted once', async () => {
    const nip = randomNip();
    const session = await ownerSession(ksef, nip);
    // One answer is lost after KSeF accepted the invoice: the drain must reconcile it, not send it twice.
    await sim.control('POST', '/sim/faults', {
      scripted: [{ method: 'POST', group: 'invoiceSend', when: 'after', action: 'drop' }],
    });
    const invoices = Array.from({ length: 12 }, (_, i) => ({
      id: `doc-${i}`,
      xml: fa3Invoice(nip, `${randomUUID().slice(0, 6)}-${i}`),
    }));
    const result = await ksef.drain(session, { maxInvoicesPerSession: 5, concurrency: 3 }).run(invoices);

    expect(result.failed).toEqual([]);
    expect(result.sent.map((s) => s.id).sort()).toEqual(invoices.map((i) => i.id).sort());
    expect(result.sent.filter((s) => s.recovered)).toHaveLength(1);
    expect(result.sent.every((s) => s.sends === 1)).toBe(true);
    expect(result.sessions).toHaveLength(3);

    const status = ksef.sessions(session);
    const perSession: number[] = [];
    for (const ref of result.sessions) {
      const st = await status.waitForSession(ref, { timeoutMs: 60_000 });
      // Closed and processed: 200 with a session UPO.
      expect(st.status.code).toBe(200);
      const listed = await status.invoices(ref);
      expect(listed.every((i) => i.status.code === 200 && isValidKsefNumber(i.ksefNumber ?? ''))).toBe(true);
      perSession.push(listed.length);
    }
    expect(perSession).toEqual([5, 5, 2]);
  });

  it('uses a fresh session even when the margin exceeds a session lifetime, and reports failed sends', async () => {
    const nip = randomNip();
    const session = await ownerSession(ksef, nip);
    const result = await ksef.drain(session, { sessionMarginMs: 13 * 3_600_000, concurrency: 1 }).run([
      { id: 'ok', xml: fa3Invoice(nip, randomUUID().slice(0, 8)) },
      { id: 'bad', xml: Buffer.from('') },
    ]);
    expect(result.sent.map((s) => s.id)).toEqual(['ok']);
    expect(result.failed.map((f) => f.id)).toEqual(['bad']);
    expect(result.sessions).toHaveLength(2);
  });
});
