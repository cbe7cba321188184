import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken, type Tokens } from '../testing/auth-flow';
import { encryptionFor, FA3, sampleInvoice, waitForSession, type InvoiceStatusBody } from '../testing/session-flow';
import { SimHarness } from '../testing/sim-harness';
import { tarGz, zipStored } from '../testing/test-archives';
import { aesEncrypt, randomAesKey, randomNip, sha256b64 } from '../testing/test-crypto';

type ExceptionBody = { exception: { exceptionDetailList: { exceptionCode: number }[] } };
const code = (body: unknown) => (body as ExceptionBody).exception.exceptionDetailList[0]?.exceptionCode;

interface OpenBatchResponse {
  referenceNumber: string;
  partUploadRequests: { ordinalNumber: number; method: string; url: string; headers: Record<string, string> }[];
}

function split(data: Buffer, parts: number): Buffer[] {
  const size = Math.ceil(data.length / parts);
  return Array.from({ length: parts }, (_, i) => data.subarray(i * size, (i + 1) * size));
}

describe('batch session', () => {
  let h: SimHarness;
  let nip: string;
  let tokens: Tokens;
  beforeAll(async () => {
    h = await SimHarness.start({ rateLimits: { enabled: false } });
    nip = randomNip();
    tokens = await loginWithKsefToken(h, nip);
  });
  afterAll(() => h.close());

  async function openBatch(archive: Buffer, partCount: number, compressionType: 'Zip' | 'TarGz') {
    const { key, iv } = randomAesKey();
    const encryptedParts = split(archive, partCount).map((part) => aesEncrypt(key, iv, part));
    const res = await h.api<OpenBatchResponse>('POST', '/sessions/batch', {
      token: tokens.accessToken,
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: archive.length,
          fileHash: sha256b64(archive),
          compressionType,
          fileParts: encryptedParts.map((part, i) => ({
            ordinalNumber: i + 1,
            fileSize: part.length,
            fileHash: sha256b64(part),
          })),
        },
        encryption: await encryptionFor(h, key, iv),
        offlineMode: false,
      },
    });
    expect(res.status).toBe(201);
    return { ...res.body, encryptedParts };
  }

  async function upload(open: OpenBatchResponse & { encryptedParts: Buffer[] }, skip: number[] = []) {
    for (const request of open.partUploadRequests) {
      if (skip.includes(request.ordinalNumber)) continue;
      expect(request.method).toBe('PUT');
      const res = await h.root('PUT', request.url, {
        rawBody: open.encryptedParts[request.ordinalNumber - 1],
        contentType: 'application/octet-stream',
        headers: request.headers,
      });
      expect(res.status).toBe(201);
    }
  }

  it('processes a ZIP in 3 encrypted parts: every invoice gets a KSeF number and a file name', async () => {
    const files = [1, 2, 3].map((n) => ({ name: `faktura-${n}.xml`, content: sampleInvoice(nip) }));
    const open = await openBatch(zipStored(files), 3, 'Zip');
    expect(open.partUploadRequests).toHaveLength(3);
    await upload(open);
    expect(
      (await h.api('POST', `/sessions/batch/${open.referenceNumber}/close`, { token: tokens.accessToken })).status,
    ).toBe(204);

    const status = await waitForSession(h, tokens.accessToken, open.referenceNumber);
    expect(status.status.code).toBe(200);
    expect(status.successfulInvoiceCount).toBe(3);
    expect(status.upo?.pages).toHaveLength(1);
    const invoices = await h.api<{ invoices: InvoiceStatusBody[] }>(
      'GET',
      `/sessions/${open.referenceNumber}/invoices?pageSize=10`,
      {
        token: tokens.accessToken,
      },
    );
    expect(invoices.body.invoices.map((i) => i.invoiceFileName).sort()).toEqual(files.map((f) => f.name));
    expect(invoices.body.invoices.every((i) => i.status.code === 200 && i.ksefNumber)).toBe(true);
  });

  it('processes a tar.gz package and reports a broken invoice per file without sinking the package', async () => {
    const good = sampleInvoice(nip);
    const bad = Buffer.from(sampleInvoice(nip).toString().replace('<P_2>', '<Zle>1</Zle><P_2>'));
    const open = await openBatch(
      tarGz([
        { name: 'ok.xml', content: good },
        { name: 'zla.xml', content: bad },
      ]),
      1,
      'TarGz',
    );
    await upload(open);
    await h.api('POST', `/sessions/batch/${open.referenceNumber}/close`, { token: tokens.accessToken });
    const status = await waitForSession(h, tokens.accessToken, open.referenceNumber);
    expect(status.status.code).toBe(200);
    expect(status.failedInvoiceCount).toBe(1);
    const failed = await h.api<{ invoices: InvoiceStatusBody[] }>(
      'GET',
      `/sessions/${open.referenceNumber}/invoices/failed`,
      {
        token: tokens.accessToken,
      },
    );
    expect(failed.body.invoices.map((i) => [i.invoiceFileName, i.status.code])).toEqual([['zla.xml', 430]]);
  });

  it('refuses to close with a missing part (21205) and rejects unsigned uploads', async () => {
    const open = await openBatch(zipStored([{ name: 'a.xml', content: sampleInvoice(nip) }]), 2, 'Zip');
    await upload(open, [2]);
    const closed = await h.api('POST', `/sessions/batch/${open.referenceNumber}/close`, { token: tokens.accessToken });
    expect(code(closed.body)).toBe(21205);
    const forged = await h.root('PUT', open.partUploadRequests[1]!.url.replace(/sig=[^&]+/, 'sig=forged'), {
      rawBody: open.encryptedParts[1],
      contentType: 'application/octet-stream',
    });
    expect(forged.status).toBe(401);
  });

  it('fails the session with 405 when the archive does not match the declared hash', async () => {
    const archive = zipStored([{ name: 'a.xml', content: sampleInvoice(nip) }]);
    const { key, iv } = randomAesKey();
    const part = aesEncrypt(key, iv, archive);
    const res = await h.api<OpenBatchResponse>('POST', '/sessions/batch', {
      token: tokens.accessToken,
      body: {
        formCode: FA3,
        batchFile: {
          fileSize: archive.length,
          fileHash: sha256b64('something else'),
          fileParts: [{ ordinalNumber: 1, fileSize: part.length, fileHash: sha256b64(part) }],
        },
        encryption: await encryptionFor(h, key, iv),
      },
    });
    await upload({ ...res.body, encryptedParts: [part] });
    await h.api('POST', `/sessions/batch/${res.body.referenceNumber}/close`, { token: tokens.accessToken });
    expect((await waitForSession(h, tokens.accessToken, res.body.referenceNumber)).status.code).toBe(405);
  });
});
