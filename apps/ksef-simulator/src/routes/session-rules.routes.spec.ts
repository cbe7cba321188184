import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken } from '../testing/auth-flow';
import {
  encryptionFor,
  FA3,
  openOnline,
  sampleInvoice,
  send,
  upoSchemaErrors,
  waitForInvoice,
  waitForSession,
} from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { zipStored } from '../testing/test-archives';
import { aesEncrypt, randomAesKey, randomNip, sha256b64 } from '../testing/test-crypto';

type ExceptionBody = { exception: { exceptionDetailList: { exceptionCode: number }[] } };
const code = (body: unknown) => (body as ExceptionBody).exception.exceptionDetailList[0]?.exceptionCode;

describe('session and invoice rules', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false } });
  });
  afterAll(() => h.close());

  it('rejects an invoice issued after the day KSeF accepts it with 450', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const session = await openOnline(h, tokens.accessToken);
    const future = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const sent = await send(h, tokens.accessToken, session, sampleInvoice(nip, { issueDate: future }));
    const result = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(result.status.code).toBe(450);
  });

  it('rejects an invoice of another seller with 410 (permission scope)', async () => {
    const tokens = await loginWithKsefToken(h, randomNip());
    const session = await openOnline(h, tokens.accessToken);
    const sent = await send(h, tokens.accessToken, session, sampleInvoice(randomNip()));
    const result = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(result.status.code).toBe(410);
  });

  it('ends a session whose AES key cannot be unwrapped with 415 and refuses sending (21180)', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const { key, iv } = randomAesKey();
    const encryption = await encryptionFor(h, key, iv);
    const opened = await h.api<{ referenceNumber: string }>('POST', '/sessions/online', {
      token: tokens.accessToken,
      body: {
        formCode: FA3,
        encryption: { ...encryption, encryptedSymmetricKey: Buffer.alloc(256, 1).toString('base64') },
      },
    });
    expect(opened.status).toBe(201);
    const status = await h.api<{ status: { code: number } }>('GET', `/sessions/${opened.body.referenceNumber}`, {
      token: tokens.accessToken,
    });
    expect(status.body.status.code).toBe(415);
    const sent = await send(
      h,
      tokens.accessToken,
      { referenceNumber: opened.body.referenceNumber, key, iv },
      sampleInvoice(nip),
    );
    expect(code(sent.body)).toBe(21180);
  });

  it('refuses uploads after the batch upload window (403) and cancels the session on close (21208)', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const archive = zipStored([{ name: 'a.xml', content: sampleInvoice(nip) }]);
    const { key, iv } = randomAesKey();
    const part = aesEncrypt(key, iv, archive);
    const opened = await h.api<{ referenceNumber: string; partUploadRequests: { url: string }[] }>(
      'POST',
      '/sessions/batch',
      {
        token: tokens.accessToken,
        body: {
          formCode: FA3,
          batchFile: {
            fileSize: archive.length,
            fileHash: sha256b64(archive),
            fileParts: [{ ordinalNumber: 1, fileSize: part.length, fileHash: sha256b64(part) }],
          },
          encryption: await encryptionFor(h, key, iv),
        },
      },
    );
    // One part: a 20-minute window.
    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 21 * 60 } });
    const late = await h.root('PUT', opened.body.partUploadRequests[0]!.url, {
      rawBody: part,
      contentType: 'application/octet-stream',
    });
    expect(late.status).toBe(403);
    const fresh = await h.api<{ accessToken: { token: string } }>('POST', '/auth/token/refresh', {
      token: tokens.refreshToken,
    });
    const closed = await h.api('POST', `/sessions/batch/${opened.body.referenceNumber}/close`, {
      token: fresh.body.accessToken.token,
    });
    expect(code(closed.body)).toBe(21208);
    const status = await waitForSession(h, fresh.body.accessToken.token, opened.body.referenceNumber);
    expect(status.status.code).toBe(440);
  });
});

describe('timeouts', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false }, tokenLifetimes: { accessTokenSeconds: 24 * 3600 } });
  });
  afterAll(() => h.close());

  it('refuses a challenge older than 10 minutes (21111)', async () => {
    const nip = randomNip();
    const created = await h.root<{ ksefToken: string }>('POST', '/sim/contexts', { body: { nip } });
    const ch = await h.api<{ challenge: string; timestampMs: number }>('POST', '/auth/challenge');
    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 11 * 60 } });
    const res = await h.api('POST', '/auth/ksef-token', {
      body: {
        challenge: ch.body.challenge,
        contextIdentifier: { type: 'Nip', value: nip },
        encryptedToken: created.body.ksefToken,
      },
    });
    expect(code(res.body)).toBe(21111);
  });

  it('cancels a batch session never closed within 12 hours (440)', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const archive = zipStored([{ name: 'a.xml', content: sampleInvoice(nip) }]);
    const { key, iv } = randomAesKey();
    const part = aesEncrypt(key, iv, archive);
    const opened = await h.api<{ referenceNumber: string }>('POST', '/sessions/batch', {
      token: tokens.accessToken,
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: archive.length,
          fileHash: sha256b64(archive),
          fileParts: [{ ordinalNumber: 1, fileSize: part.length, fileHash: sha256b64(part) }],
        },
        encryption: await encryptionFor(h, key, iv),
      },
    });
    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 12 * 3600 + 60 } });
    const status = await h.api<{ status: { code: number } }>('GET', `/sessions/${opened.body.referenceNumber}`, {
      token: tokens.accessToken,
    });
    expect(status.body.status.code).toBe(440);
  });
});

describe('PRD mode', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false }, environment: 'PRD' });
  });
  afterAll(() => h.close());

  it('produces UPOs that pass the official schema strictly and checks buyer NIP checksums', async () => {
    const nip = randomNip();
    const tokens = await loginWithKsefToken(h, nip);
    const session = await openOnline(h, tokens.accessToken);
    const sent = await send(h, tokens.accessToken, session, sampleInvoice(nip));
    const accepted = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(accepted.status.code).toBe(200);
    const upo = await h.api('GET', `/sessions/${session.referenceNumber}/invoices/${accepted.referenceNumber}/upo`, {
      token: tokens.accessToken,
    });
    expect(upo.raw.toString()).toContain(
      '<NazwaPodmiotuPrzyjmujacego>Ministerstwo Finansów</NazwaPodmiotuPrzyjmujacego>',
    );
    expect(await upoSchemaErrors(upo.raw)).toEqual([]);

    const badBuyer = Buffer.from(
      sampleInvoice(nip).toString().replace('<NIP>3861610227</NIP>', '<NIP>3861610228</NIP>'),
    );
    const rejected = await send(h, tokens.accessToken, session, badBuyer);
    const result = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, rejected.body.referenceNumber);
    expect(result.status.code).toBe(450);
  });
});
