import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRetrievalSettings } from '../domain/retrieval-settings';
import { storedInvoicesTable } from '../domain/stored-invoice';
import { loginWithKsefToken } from '../testing/auth-flow';
import { openOnline, sampleInvoice, send } from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { invoiceXml, storeTestInvoice } from '../testing/stored-invoice-fixtures';
import { randomNip } from '../testing/test-crypto';

interface MetadataPage {
  hasMore: boolean;
  isTruncated: boolean;
  permanentStorageHwmDate?: string | null;
  invoices: { ksefNumber: string; permanentStorageDate: string; invoiceNumber: string; seller: { nip: string } }[];
}

const SECOND = 1000;
let h: SimHarness;

beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false }, permanentStorageLagMs: 0 });
});
afterAll(async () => h.close());

async function query(token: string, body: unknown, params = 'pageSize=10') {
  return h.api<MetadataPage>('POST', `/invoices/query/metadata?${params}`, { token, body });
}

describe('GET /invoices/ksef/{ksefNumber}', () => {
  it('returns the exact stored bytes with x-ms-meta-hash to the seller and the buyer, 21164 to others', async () => {
    const [seller, buyer, stranger] = [randomNip(), randomNip(), randomNip()];
    const xml = invoiceXml({ sellerNip: seller, buyerNip: buyer, number: 'D1' });
    const stored = storeTestInvoice(h.sim, xml);
    const sellerTokens = await loginWithKsefToken(h, seller);
    const buyerTokens = await loginWithKsefToken(h, buyer);
    const strangerTokens = await loginWithKsefToken(h, stranger);

    for (const token of [sellerTokens.accessToken, buyerTokens.accessToken]) {
      const res = await h.api('GET', `/invoices/ksef/${stored.ksefNumber}`, { token });
      expect(res.status).toBe(200);
      expect(res.raw.equals(xml)).toBe(true);
      expect(res.headers.get('x-ms-meta-hash')).toBe(createHash('sha256').update(xml).digest('base64'));
    }
    const other = await h.api<{ exception: { exceptionDetailList: { exceptionCode: number }[] } }>(
      'GET',
      `/invoices/ksef/${stored.ksefNumber}`,
      { token: strangerTokens.accessToken },
    );
    expect(other.status).toBe(400);
    expect(other.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21164);
  });

  it('answers 21165 before permanent storage and 403 without InvoiceRead', async () => {
    const seller = randomNip();
    const now = h.sim.ctx.clock.now();
    const pending = storeTestInvoice(h.sim, invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: 'P1' }), {
      acquisitionDate: now,
      permanentStorageDate: now + 60 * SECOND,
    });
    const tokens = await loginWithKsefToken(h, seller);
    const res = await h.api<{ exception: { exceptionDetailList: { exceptionCode: number }[] } }>(
      'GET',
      `/invoices/ksef/${pending.ksefNumber}`,
      { token: tokens.accessToken },
    );
    expect(res.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21165);

    const writeOnly = await loginWithKsefToken(h, seller, ['InvoiceWrite']);
    const forbidden = await h.api<{ reasonCode: string }>('GET', `/invoices/ksef/${pending.ksefNumber}`, {
      token: writeOnly.accessToken,
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.reasonCode).toBe('missing-permissions');
  });
});

describe('POST /invoices/query/metadata', () => {
  it('computes Subject1/2/3 views relative to the caller context and applies filters', async () => {
    const [seller, buyer, third] = [randomNip(), randomNip(), randomNip()];
    const a = storeTestInvoice(
      h.sim,
      invoiceXml({ sellerNip: seller, buyerNip: buyer, thirdNip: third, number: 'V1' }),
    );
    storeTestInvoice(h.sim, invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: 'V2' }));
    const from = new Date(h.sim.ctx.clock.now() - 3600 * SECOND).toISOString();
    const range = { dateType: 'PermanentStorage', from };
    const sellerTokens = await loginWithKsefToken(h, seller);
    const buyerTokens = await loginWithKsefToken(h, buyer);
    const thirdTokens = await loginWithKsefToken(h, third);

    const sales = await query(sellerTokens.accessToken, { subjectType: 'Subject1', dateRange: range });
    expect(sales.body.invoices.map((i) => i.invoiceNumber).sort()).toEqual([
      'FA/GRQMB-V1/05/2025',
      'FA/GRQMB-V2/05/2025',
    ]);
    expect(sales.body.permanentStorageHwmDate).toBeTruthy();
    const descending = await query(
      sellerTokens.accessToken,
      { subjectType: 'Subject1', dateRange: range },
      'sortOrder=Desc',
    );
    expect(descending.body.invoices.map((i) => i.ksefNumber)).toEqual(
      sales.body.invoices.map((i) => i.ksefNumber).reverse(),
    );
    const purchases = await query(buyerTokens.accessToken, { subjectType: 'Subject2', dateRange: range });
    expect(purchases.body.invoices.map((i) => i.ksefNumber)).toEqual([a.ksefNumber]);
    const asThird = await query(thirdTokens.accessToken, { subjectType: 'Subject3', dateRange: range });
    expect(asThird.body.invoices.map((i) => i.ksefNumber)).toEqual([a.ksefNumber]);
    const buyerAsSeller = await query(buyerTokens.accessToken, { subjectType: 'Subject1', dateRange: range });
    expect(buyerAsSeller.body.invoices).toEqual([]);

    const filtered = await query(sellerTokens.accessToken, {
      subjectType: 'Subject1',
      dateRange: range,
      buyerIdentifier: { type: 'Nip', value: buyer },
      amount: { type: 'Brutto', from: 64279.92, to: 64279.92 },
      currencyCodes: ['PLN'],
      invoiceTypes: ['Vat'],
      formType: 'FA',
      invoicingMode: 'Online',
      hasAttachment: false,
    });
    expect(filtered.body.invoices.map((i) => i.ksefNumber)).toEqual([a.ksefNumber]);
    const none = await query(sellerTokens.accessToken, {
      subjectType: 'Subject1',
      dateRange: range,
      amount: { type: 'Netto', to: 10 },
    });
    expect(none.body.invoices).toEqual([]);
  });

  it('rejects a range over 3 months, a bad page size, and from past the HWM with restrict (21183)', async () => {
    const seller = randomNip();
    const tokens = await loginWithKsefToken(h, seller);
    const now = h.sim.ctx.clock.now();
    const tooLong = await query(tokens.accessToken, {
      subjectType: 'Subject1',
      dateRange: {
        dateType: 'Issue',
        from: new Date(now - 100 * 86_400_000).toISOString(),
        to: new Date(now).toISOString(),
      },
    });
    expect(tooLong.status).toBe(400);
    const badSize = await query(
      tokens.accessToken,
      { subjectType: 'Subject1', dateRange: { dateType: 'Issue', from: new Date(now).toISOString() } },
      'pageSize=5',
    );
    expect(badSize.status).toBe(400);
    const future = await query(tokens.accessToken, {
      subjectType: 'Subject1',
      dateRange: {
        dateType: 'PermanentStorage',
        from: new Date(now + 3600 * SECOND).toISOString(),
        restrictToPermanentStorageHwmDate: true,
      },
    });
    const body = future.body as unknown as { exception: { exceptionDetailList: { exceptionCode: number }[] } };
    expect(body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21183);
  });

  it('paging + truncation + HWM sync finds every invoice exactly once', async () => {
    setRetrievalSettings(h.sim.ctx.store, { metadataCap: 25 });
    try {
      const seller = randomNip();
      const tokens = await loginWithKsefToken(h, seller);
      const start = h.sim.ctx.clock.now();
      const expected = new Set<string>();
      const storeAt = (offsetMs: number, storageDelayMs: number, n: number) => {
        const acquisitionDate = h.sim.ctx.clock.now() + offsetMs;
        const record = storeTestInvoice(
          h.sim,
          invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: `S${n}` }),
          {
            acquisitionDate,
            permanentStorageDate: acquisitionDate + storageDelayMs,
          },
        );
        expect(expected.has(record.ksefNumber)).toBe(false);
        expected.add(record.ksefNumber);
      };
      // 60 stored invoices, several sharing a timestamp, and 5 still waiting for permanent storage.
      for (let i = 0; i < 60; i++) storeAt(-120 * SECOND + Math.floor(i / 3) * SECOND, 1, i);
      for (let i = 60; i < 65; i++) storeAt(-5 * SECOND, 30 * SECOND, i);

      const seen = new Map<string, number>();
      let from = new Date(start - 3600 * SECOND).toISOString();
      const syncToHwm = async () => {
        for (let guard = 0; guard < 50; guard++) {
          let pageOffset = 0;
          let windowFrom = from;
          let hwm: string | null | undefined = null;
          for (;;) {
            const res = await query(
              tokens.accessToken,
              {
                subjectType: 'Subject1',
                dateRange: { dateType: 'PermanentStorage', from: windowFrom, restrictToPermanentStorageHwmDate: true },
              },
              `pageSize=10&pageOffset=${pageOffset}&sortOrder=Asc`,
            );
            expect(res.status).toBe(200);
            hwm = res.body.permanentStorageHwmDate;
            for (const invoice of res.body.invoices)
              seen.set(invoice.ksefNumber, (seen.get(invoice.ksefNumber) ?? 0) + 1);
            if (!res.body.hasMore) break;
            if (res.body.isTruncated) {
              windowFrom = res.body.invoices[res.body.invoices.length - 1]!.permanentStorageDate;
              pageOffset = 0;
            } else pageOffset++;
          }
          expect(hwm).toBeTruthy();
          from = hwm!;
          return;
        }
      };

      await syncToHwm();
      expect(seen.size).toBe(60); // the 5 pending ones are not yet below the HWM
      await h.root('POST', '/sim/clock', { body: { advanceSeconds: 60 } });
      for (let i = 65; i < 70; i++) storeAt(-1 * SECOND, 1, i);
      await h.root('POST', '/sim/clock', { body: { advanceSeconds: 1 } });
      await syncToHwm();

      expect(new Set(seen.keys())).toEqual(expected);
      // Edge overlaps (same timestamp at a window boundary) are expected; deduplicated, each invoice appears once.
      const duplicates = [...seen.values()].filter((count) => count > 1).length;
      expect(duplicates).toBeLessThanOrEqual(6);
    } finally {
      setRetrievalSettings(h.sim.ctx.store, { metadataCap: 10_000 });
    }
  });
});

describe('the documented 10,000-record cap', () => {
  it('reports isTruncated with hasMore on the page that reaches record 10,000', async () => {
    const seller = randomNip();
    const first = storeTestInvoice(h.sim, invoiceXml({ sellerNip: seller, buyerNip: randomNip(), number: 'C0' }));
    const table = storedInvoicesTable(h.sim.ctx.store);
    // Copies of one stored record with distinct numbers and dates: the cap is about counts, not content.
    for (let i = 1; i < 10_050; i++) {
      const copy = { ...first, ksefNumber: `${first.ksefNumber.slice(0, 20)}${String(i).padStart(12, '0')}-00` };
      copy.permanentStorageDate = first.permanentStorageDate + i;
      table.set(copy.ksefNumber, copy);
    }
    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 20 } });
    try {
      const tokens = await loginWithKsefToken(h, seller);
      const body = {
        subjectType: 'Subject1',
        dateRange: { dateType: 'PermanentStorage', from: new Date(first.permanentStorageDate - 1000).toISOString() },
      };
      const early = await query(tokens.accessToken, body, 'pageSize=250&pageOffset=38');
      expect(early.body).toMatchObject({ hasMore: true, isTruncated: false });
      const last = await query(tokens.accessToken, body, 'pageSize=250&pageOffset=39');
      expect(last.body.invoices).toHaveLength(250);
      expect(last.body).toMatchObject({ hasMore: true, isTruncated: true });
    } finally {
      await h.root('POST', '/sim/clock', { body: { advanceSeconds: -20 } });
      for (const key of [...table.keys()]) if (table.get(key)!.sellerNip === seller) table.delete(key);
    }
  });
});

describe('retrieval of invoices stored by invoice processing', () => {
  it('finds an invoice sent in an online session (seller) and one stored with /sim/invoices (buyer, Subject2)', async () => {
    const seller = randomNip();
    const tokens = await loginWithKsefToken(h, seller);
    const session = await openOnline(h, tokens.accessToken);
    const xml = sampleInvoice(seller, { number: `ONLINE-${seller}` });
    const sent = await send(h, tokens.accessToken, session, xml);
    expect(sent.status).toBe(202);
    const range = { dateType: 'PermanentStorage', from: new Date(h.sim.ctx.clock.now() - 3600 * SECOND).toISOString() };
    let found: MetadataPage['invoices'] = [];
    for (let i = 0; i < 200 && found.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      found = (await query(tokens.accessToken, { subjectType: 'Subject1', dateRange: range })).body.invoices;
    }
    expect(found.map((i) => i.invoiceNumber)).toEqual([`FA/GRQMB-ONLINE-${seller}/05/2025`]);
    const downloaded = await h.api('GET', `/invoices/ksef/${found[0]!.ksefNumber}`, { token: tokens.accessToken });
    expect(downloaded.raw.equals(xml)).toBe(true);

    const buyer = randomNip();
    const purchase = invoiceXml({ sellerNip: randomNip(), buyerNip: buyer, number: 'SIM1', issueDate: '2026-01-02' });
    const stored = await h.root<{ ksefNumber: string }>('POST', '/sim/invoices', {
      rawBody: purchase,
      contentType: 'application/xml',
    });
    expect(stored.status).toBe(200);
    const buyerTokens = await loginWithKsefToken(h, buyer);
    const purchases = await query(buyerTokens.accessToken, { subjectType: 'Subject2', dateRange: range });
    expect(purchases.body.invoices.map((i) => i.ksefNumber)).toEqual([stored.body.ksefNumber]);
  });
});
