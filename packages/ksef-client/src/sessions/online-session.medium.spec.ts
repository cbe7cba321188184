import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsefDuplicateInvoiceError } from '../http/ksef-errors';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 5 });
});
afterAll(async () => {
  await sim?.close();
});

describe('interactive session against the simulator', () => {
  it('sends an invoice, gets a KSeF number and a hash-verified UPO; a duplicate is a typed 440 with the original', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const session = await ownerSession(ksef, nip);
    const online = await ksef.online(session).open();
    expect(online.referenceNumber).toMatch(/^\d{8}-SO-/);

    const xml = fa3Invoice(nip, randomUUID().slice(0, 8));
    const sent = await online.send(xml);
    expect(sent.invoiceHash).toBe(createHash('sha256').update(xml).digest('base64'));
    const accepted = await online.waitForInvoice(sent.referenceNumber);
    expect(accepted.ksefNumber).toMatch(new RegExp(`^${nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
    expect(accepted.invoiceHash).toBe(sent.invoiceHash);

    const upo = await online.invoiceUpo(sent.referenceNumber);
    expect(upo.content.toString('utf8')).toContain(accepted.ksefNumber!);
    expect(upo.content.toString('utf8')).toContain(sent.invoiceHash);

    const again = await online.send(xml);
    const dup = await online.waitForInvoice(again.referenceNumber).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(KsefDuplicateInvoiceError);
    expect((dup as KsefDuplicateInvoiceError).originalKsefNumber).toBe(accepted.ksefNumber);
    expect((dup as KsefDuplicateInvoiceError).originalSessionReferenceNumber).toBe(online.referenceNumber);

    // The lost-response reconciliation path finds the invoice by its hash.
    expect((await online.findInvoiceByHash(sent.invoiceHash))?.ksefNumber).toBe(accepted.ksefNumber);

    await online.close();
    const { status, pages } = await online.sessionUpo(60_000);
    expect(status.status.code).toBe(200);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages[0]!.content.toString('utf8')).toContain(accepted.ksefNumber!);
    expect(ksef.http.stats.rateLimited).toBe(0);
  });

  it('authenticates with a generated KSeF token and sends with it', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const owner = await ownerSession(ksef, nip, 'rsa');
    const generated = await ksef.tokens(owner).generate(['InvoiceWrite', 'InvoiceRead'], 'Token testowy klienta');
    const active = await ksef.tokens(owner).waitUntilActive(generated.referenceNumber);
    expect(active.status).toBe('Active');
    const tokenSession = ksef.login({
      kind: 'token',
      context: { type: 'Nip', value: nip },
      ksefToken: generated.token,
    });
    const online = await ksef.online(tokenSession).open();
    const sent = await online.send(fa3Invoice(nip, randomUUID().slice(0, 8)));
    expect((await online.waitForInvoice(sent.referenceNumber)).ksefNumber).toBeTruthy();
    expect((await ksef.tokens(owner).list()).map((t) => t.referenceNumber)).toContain(generated.referenceNumber);

    // A revoked token can no longer log in: typed auth error.
    await ksef.tokens(owner).revoke(generated.referenceNumber);
    const revoked = ksef.login({ kind: 'token', context: { type: 'Nip', value: nip }, ksefToken: generated.token });
    await expect(revoked.accessToken()).rejects.toMatchObject({ name: 'KsefAuthError' });
  });
});
