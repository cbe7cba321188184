import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsefInvoiceRejectedError } from '../http/ksef-errors';
import { randomNip, startSimulator, type RunningSimulator } from '../testing/simulator-harness';
import { fa3Invoice, ownerSession } from '../testing/test-invoices';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ processingDelayMs: 0 });
});
afterAll(async () => {
  await sim?.close();
});

describe('offline invoices and technical correction against the simulator', () => {
  it('sends offline, gets a rejection, and the technical correction with hashOfCorrectedInvoice is accepted', async () => {
    const nip = randomNip();
    const ksef = sim.client();
    const session = await ownerSession(ksef, nip);
    const online = await ksef.online(session).open();
    const number = randomUUID().slice(0, 8);

    // The original breaks the schema only in its technical form (an unknown element), content unchanged.
    const good = fa3Invoice(nip, number);
    const broken = Buffer.from(
      good
        .toString('utf8')
        .replace('<RodzajFaktury>VAT</RodzajFaktury>', '<RodzajFaktury>VAT</RodzajFaktury><Nieznany/>'),
    );
    const rejectedSend = await online.send(broken, { offlineMode: true });
    const rejected = await online.waitForInvoice(rejectedSend.referenceNumber).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(KsefInvoiceRejectedError);
    expect((rejected as KsefInvoiceRejectedError).status).toBe(430);

    const originalHash = createHash('sha256').update(broken).digest('base64');
    const corrected = await online.send(good, { offlineMode: true, hashOfCorrectedInvoice: originalHash });
    const accepted = await online.waitForInvoice(corrected.referenceNumber);
    expect(accepted.ksefNumber).toBeTruthy();
    expect(accepted.invoicingMode).toBe('Offline');
  });
});
