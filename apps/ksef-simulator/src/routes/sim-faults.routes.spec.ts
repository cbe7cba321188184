import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken } from '../testing/auth-flow';
import { type InvoiceStatusBody, openOnline, sampleInvoice, sendBody } from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';

interface FaultsBody {
  scripted: { pending: { action: string; left: number }[]; fired: number };
}

describe('scripted faults (POST /sim/faults `scripted`)', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false }, processingDelayMs: 0 });
  });
  afterAll(() => h.close());

  const invoicesOf = async (token: string, sessionRef: string) =>
    (await h.api<{ invoices: InvoiceStatusBody[] }>('GET', `/sessions/${sessionRef}/invoices?pageSize=100`, { token }))
      .body.invoices;

  it('before: a 5xx or a dropped connection for the next matching requests only, the request never handled', async () => {
    const tokens = await loginWithKsefToken(h, randomNip());
    const session = await openOnline(h, tokens.accessToken);
    const path = `/v2/sessions/online/${session.referenceNumber}/invoices`;
    const set = await h.root<FaultsBody>('POST', '/sim/faults', {
      body: {
        scripted: [
          { method: 'POST', path: '/invoices$', action: 'error', status: 500, times: 2 },
          { method: 'POST', path: '/invoices$', action: 'drop' },
        ],
      },
    });
    expect(set.status).toBe(200);
    expect(set.body.scripted.pending.map((p) => p.left)).toEqual([2, 1]);

    const body = sendBody(session, sampleInvoice(randomNip()));
    const send = () => h.root('POST', path, { token: tokens.accessToken, body });
    expect((await send()).status).toBe(500);
    expect((await send()).status).toBe(500);
    await expect(send()).rejects.toThrow();
    // Other requests were never affected, and the three refused sends left nothing behind.
    expect(await invoicesOf(tokens.accessToken, session.referenceNumber)).toHaveLength(0);
    expect((await send()).status).toBe(202);
    expect(await invoicesOf(tokens.accessToken, session.referenceNumber)).toHaveLength(1);
    const after = await h.root<FaultsBody>('GET', '/sim/faults');
    expect(after.body.scripted).toEqual({ pending: [], fired: 3 });
  });

  it('after: the request is handled and committed, then its answer is replaced by a 5xx, held back or dropped', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const session = await openOnline(h, tokens.accessToken);
    const path = `/v2/sessions/online/${session.referenceNumber}/invoices`;
    await h.root('POST', '/sim/faults', {
      body: {
        scripted: [
          { group: 'invoiceSend', when: 'after', action: 'error', status: 503 },
          { group: 'invoiceSend', when: 'after', action: 'drop' },
          { group: 'invoiceSend', when: 'after', action: 'delay', delayMs: 400 },
        ],
      },
    });
    const send = (n: number) =>
      h.root('POST', path, {
        token: tokens.accessToken,
        body: sendBody(session, sampleInvoice(nip, { number: `A-${n}` })),
      });
    expect((await send(1)).status).toBe(503);
    await expect(send(2)).rejects.toThrow();
    const slow = await fetch(`${h.rootUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(sendBody(session, sampleInvoice(nip, { number: 'A-3' }))),
      signal: AbortSignal.timeout(100),
    }).catch((e: unknown) => e);
    expect((slow as Error).name).toBe('TimeoutError');
    await new Promise((r) => setTimeout(r, 500));
    // All three were accepted although none of their answers arrived.
    const invoices = await invoicesOf(tokens.accessToken, session.referenceNumber);
    expect(invoices.map((i) => i.ordinalNumber).sort()).toEqual([1, 2, 3]);
  });

  it('refuses an invalid rule and leaves the current ones in place', async () => {
    await h.root('POST', '/sim/faults', { body: { scripted: [{ action: 'drop', path: '^/v2/limits' }] } });
    const bad = await h.root('POST', '/sim/faults', { body: { scripted: [{ action: 'explode' }] } });
    expect(bad.status).toBe(400);
    const badPattern = await h.root('POST', '/sim/faults', { body: { scripted: [{ action: 'drop', path: '(' }] } });
    expect(badPattern.status).toBe(400);
    expect((await h.root<FaultsBody>('GET', '/sim/faults')).body.scripted.pending).toHaveLength(1);
    await h.root('DELETE', '/sim/faults');
    expect((await h.root<FaultsBody>('GET', '/sim/faults')).body.scripted).toEqual({ pending: [], fired: 0 });
  });
});
