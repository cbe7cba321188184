import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken, type Tokens } from '../testing/auth-flow';
import {
  openOnline,
  sampleInvoice,
  send,
  sendBody,
  upoSchemaErrors,
  waitForInvoice,
  waitForSession,
  type InvoiceStatusBody,
} from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip, sha256b64 } from '../testing/test-crypto';

type ExceptionBody = { exception: { exceptionDetailList: { exceptionCode: number }[] } };
const code = (body: unknown) => (body as ExceptionBody).exception.exceptionDetailList[0]?.exceptionCode;

function crc8(text: string): string {
  let crc = 0;
  for (const byte of Buffer.from(text)) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc.toString(16).toUpperCase().padStart(2, '0');
}

describe('interactive session', () => {
  let h: SimHarness;
  let nip: string;
  let tokens: Tokens;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false } });
    nip = randomNip();
    tokens = await loginWithKsefToken(h, nip);
  });
  afterAll(() => h.close());

  it('runs open -> send -> 200 with a KSeF number -> close -> session UPO, all UPOs valid v4-3', async () => {
    const session = await openOnline(h, tokens.accessToken);
    const xml = sampleInvoice(nip);
    const sent = await send(h, tokens.accessToken, session, xml);
    expect(sent.status).toBe(202);
    const invoice = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(invoice.status.code).toBe(200);
    const ksefNumber = invoice.ksefNumber!;
    expect(ksefNumber).toMatch(new RegExp(`^${nip}-\\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$`));
    expect(crc8(ksefNumber.slice(0, 32))).toBe(ksefNumber.slice(33));
    expect(invoice.invoicingMode).toBe('Online');

    const byRef = await h.api('GET', `/sessions/${session.referenceNumber}/invoices/${invoice.referenceNumber}/upo`, {
      token: tokens.accessToken,
    });
    expect(byRef.status).toBe(200);
    expect(byRef.headers.get('x-ms-meta-hash')).toBe(sha256b64(byRef.raw));
    expect(await upoSchemaErrors(byRef.raw)).toEqual([]);
    expect(byRef.raw.toString()).toContain(`<NumerKSeFDokumentu>${ksefNumber}</NumerKSeFDokumentu>`);
    expect(byRef.raw.toString()).toContain(`<SkrotDokumentu>${sha256b64(xml)}</SkrotDokumentu>`);
    const byKsef = await h.api('GET', `/sessions/${session.referenceNumber}/invoices/ksef/${ksefNumber}/upo`, {
      token: tokens.accessToken,
    });
    expect(byKsef.raw.equals(byRef.raw)).toBe(true);
    const presigned = await h.root('GET', invoice.upoDownloadUrl!);
    expect(presigned.status).toBe(200);
    expect(presigned.raw.equals(byRef.raw)).toBe(true);

    expect(
      (await h.api('POST', `/sessions/online/${session.referenceNumber}/close`, { token: tokens.accessToken })).status,
    ).toBe(204);
    const closed = await waitForSession(h, tokens.accessToken, session.referenceNumber);
    expect(closed.status.code).toBe(200);
    expect(closed.successfulInvoiceCount).toBe(1);
    const page = closed.upo!.pages[0]!;
    const sessionUpo = await h.api('GET', `/sessions/${session.referenceNumber}/upo/${page.referenceNumber}`, {
      token: tokens.accessToken,
    });
    expect(sessionUpo.status).toBe(200);
    expect(await upoSchemaErrors(sessionUpo.raw)).toEqual([]);
    expect(sessionUpo.raw.toString()).toContain('<CalkowitaLiczbaDokumentow>1</CalkowitaLiczbaDokumentow>');
    expect((await h.root('GET', page.downloadUrl)).raw.equals(sessionUpo.raw)).toBe(true);

    const list = await h.api<{ sessions: { referenceNumber: string }[] }>(
      'GET',
      '/sessions?sessionType=Online&statuses=Succeeded',
      {
        token: tokens.accessToken,
      },
    );
    expect(list.body.sessions.map((s) => s.referenceNumber)).toContain(session.referenceNumber);
    const invoices = await h.api<{ invoices: InvoiceStatusBody[] }>(
      'GET',
      `/sessions/${session.referenceNumber}/invoices`,
      {
        token: tokens.accessToken,
      },
    );
    expect(invoices.body.invoices).toHaveLength(1);
  });

  it('marks a repeated (seller NIP, RodzajFaktury, P_2) as duplicate 440 with the original numbers', async () => {
    const xml = sampleInvoice(nip, { number: 'DUP-1' });
    const first = await openOnline(h, tokens.accessToken);
    const sent = await send(h, tokens.accessToken, first, xml);
    const original = await waitForInvoice(h, tokens.accessToken, first.referenceNumber, sent.body.referenceNumber);
    expect(original.status.code).toBe(200);

    const second = await openOnline(h, tokens.accessToken);
    const again = await send(h, tokens.accessToken, second, sampleInvoice(nip, { number: 'DUP-1' }));
    const duplicate = await waitForInvoice(h, tokens.accessToken, second.referenceNumber, again.body.referenceNumber);
    expect(duplicate.status.code).toBe(440);
    expect(duplicate.status.extensions).toEqual({
      originalSessionReferenceNumber: first.referenceNumber,
      originalKsefNumber: original.ksefNumber,
    });
    expect(duplicate.invoiceNumber).toBe('FA/GRQMB-DUP-1/05/2025');

    await h.api('POST', `/sessions/online/${second.referenceNumber}/close`, { token: tokens.accessToken });
    expect((await waitForSession(h, tokens.accessToken, second.referenceNumber)).status.code).toBe(445);
    const failed = await h.api<{ invoices: InvoiceStatusBody[] }>(
      'GET',
      `/sessions/${second.referenceNumber}/invoices/failed`,
      {
        token: tokens.accessToken,
      },
    );
    expect(failed.body.invoices.map((i) => i.status.code)).toEqual([440]);
  });

  it('refuses a wrong encrypted hash (21403) and size (21402) synchronously and a wrong plain hash with 430', async () => {
    const session = await openOnline(h, tokens.accessToken);
    const xml = sampleInvoice(nip);
    const badHash = await h.api('POST', `/sessions/online/${session.referenceNumber}/invoices`, {
      token: tokens.accessToken,
      body: sendBody(session, xml, { encryptedInvoiceHash: sha256b64('other') }),
    });
    expect(badHash.status).toBe(400);
    expect(code(badHash.body)).toBe(21403);
    const badSize = await h.api('POST', `/sessions/online/${session.referenceNumber}/invoices`, {
      token: tokens.accessToken,
      body: sendBody(session, xml, { encryptedInvoiceSize: 17 }),
    });
    expect(code(badSize.body)).toBe(21402);
    const plainMismatch = await send(h, tokens.accessToken, session, xml, { invoiceHash: sha256b64('other') });
    const result = await waitForInvoice(
      h,
      tokens.accessToken,
      session.referenceNumber,
      plainMismatch.body.referenceNumber,
    );
    expect(result.status.code).toBe(430);
  });

  it('rejects a schema-invalid invoice with 430 and details, and accepts its technical correction once', async () => {
    const session = await openOnline(h, tokens.accessToken);
    const good = sampleInvoice(nip, { number: 'TC-1' });
    const broken = Buffer.from(good.toString().replace('<P_2>', '<P_X>1</P_X><P_2>'));
    const sent = await send(h, tokens.accessToken, session, broken, { offlineMode: true });
    const rejected = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(rejected.status.code).toBe(430);
    expect(rejected.status.details?.join(' ')).toContain('P_X');

    const correction = await send(h, tokens.accessToken, session, good, {
      offlineMode: true,
      hashOfCorrectedInvoice: sha256b64(broken),
    });
    expect(correction.status).toBe(202);
    const accepted = await waitForInvoice(
      h,
      tokens.accessToken,
      session.referenceNumber,
      correction.body.referenceNumber,
    );
    expect(accepted.status.code).toBe(200);
    expect(accepted.invoicingMode).toBe('Offline');

    const secondCorrection = await h.api('POST', `/sessions/online/${session.referenceNumber}/invoices`, {
      token: tokens.accessToken,
      body: sendBody(session, sampleInvoice(nip, { number: 'TC-2' }), {
        offlineMode: true,
        hashOfCorrectedInvoice: sha256b64(broken),
      }),
    });
    expect(code(secondCorrection.body)).toBe(21166);
    const ofAccepted = await h.api('POST', `/sessions/online/${session.referenceNumber}/invoices`, {
      token: tokens.accessToken,
      body: sendBody(session, sampleInvoice(nip, { number: 'TC-3' }), {
        offlineMode: true,
        hashOfCorrectedInvoice: sha256b64(good),
      }),
    });
    expect(code(ofAccepted.body)).toBe(21167);
  });

  it('answers 21180 after close, 21173 for an unknown session, and cancels an empty session with 440', async () => {
    const session = await openOnline(h, tokens.accessToken);
    await h.api('POST', `/sessions/online/${session.referenceNumber}/close`, { token: tokens.accessToken });
    const late = await send(h, tokens.accessToken, session, sampleInvoice(nip));
    expect(code(late.body)).toBe(21180);
    expect((await waitForSession(h, tokens.accessToken, session.referenceNumber)).status.code).toBe(440);
    const unknown = await h.api('GET', '/sessions/20250101-SO-0000000000-0000000000-00', { token: tokens.accessToken });
    expect(code(unknown.body)).toBe(21173);
  });

  it('hides another context session (21173) and refuses sending without InvoiceWrite (403)', async () => {
    const session = await openOnline(h, tokens.accessToken);
    const other = await loginWithKsefToken(h, randomNip());
    const foreign = await h.api('GET', `/sessions/${session.referenceNumber}`, { token: other.accessToken });
    expect(code(foreign.body)).toBe(21173);

    const readOnly = await loginWithKsefToken(h, nip, ['InvoiceRead']);
    const forbidden = await h.api<{ reasonCode: string; security: { requiredAnyOfPermissions: string[] } }>(
      'POST',
      '/sessions/online',
      {
        token: readOnly.accessToken,
        body: {
          formCode: { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' },
          encryption: { encryptedSymmetricKey: 'AA==', initializationVector: 'AA==' },
        },
      },
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.reasonCode).toBe('missing-permissions');
    expect(forbidden.body.security.requiredAnyOfPermissions).toContain('InvoiceWrite');
  });

  it('marks an invoice issued on an earlier day as Offline (auto-offline rule)', async () => {
    const session = await openOnline(h, tokens.accessToken);
    const yesterday = new Date(Date.now() - 36 * 3600 * 1000).toISOString().slice(0, 10);
    const sent = await send(h, tokens.accessToken, session, sampleInvoice(nip, { issueDate: yesterday }));
    const result = await waitForInvoice(h, tokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    expect(result.status.code).toBe(200);
    expect(result.invoicingMode).toBe('Offline');
  });

  it('enforces the per-context session invoice limit (21155) set with /testdata/limits/context/session', async () => {
    const limited = await loginWithKsefToken(h, randomNip());
    const limits = { maxInvoiceSizeInMB: 1, maxInvoiceWithAttachmentSizeInMB: 3, maxInvoices: 1 };
    const set = await h.api('POST', '/testdata/limits/context/session', {
      token: limited.accessToken,
      body: { onlineSession: limits, batchSession: limits },
    });
    expect(set.status).toBe(200);
    const session = await openOnline(h, limited.accessToken);
    const first = await send(h, limited.accessToken, session, Buffer.from('<a/>'));
    expect(first.status).toBe(202);
    const second = await send(h, limited.accessToken, session, Buffer.from('<b/>'));
    expect(second.status).toBe(400);
    expect(code(second.body)).toBe(21155);
  });

  it('echoes X-Test-System-Warning as X-System-Warning on success', async () => {
    const res = await h.api('GET', '/sessions?sessionType=Online', {
      token: tokens.accessToken,
      headers: { 'x-test-system-warning': '[1]: test' },
    });
    expect(res.headers.get('x-system-warning')).toBe('[1]: test');
  });

  it('closes an online session automatically after 12 hours (status follows the invoices)', async () => {
    const clockTokens = await loginWithKsefToken(h, nip);
    const session = await openOnline(h, clockTokens.accessToken);
    const sent = await send(h, clockTokens.accessToken, session, sampleInvoice(nip));
    await waitForInvoice(h, clockTokens.accessToken, session.referenceNumber, sent.body.referenceNumber);
    await h.root('POST', '/sim/clock', { body: { advanceSeconds: 12 * 3600 + 1 } });
    // The 15-minute access token expired with the clock move; refresh reflects that the session lived on.
    const fresh = await h.api<{ accessToken: { token: string } }>('POST', '/auth/token/refresh', {
      token: clockTokens.refreshToken,
    });
    const status = await waitForSession(h, fresh.body.accessToken.token, session.referenceNumber);
    expect(status.status.code).toBe(200);
    const late = await send(h, fresh.body.accessToken.token, session, sampleInvoice(nip));
    expect(code(late.body)).toBe(21180);
  });
});
