import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { objectKey, type ObjectStore } from '@bufor/platform';
import { AccessBuilders } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_STORE } from '../../infrastructure/platform.module';
import { startTestApi, type TestApi } from '../../testing/start-test-api';
import { pdfFileName } from './document-pdf.service';

const INVOICE_XML = readFileSync(
  join(dirname(require.resolve('@bufor/fa3/package.json')), 'test-fixtures/invoices/valid-basic.xml'),
);
const KSEF_NUMBER = '5265877635-20260115-0100001AF629-AF';

interface Problem {
  status: number;
  code: string;
  detail: string;
}

/** pdftotext reads the PDF from standard input (poppler's fd://0). */
const pdfText = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-layout', 'fd://0', '-'], { input: pdf, encoding: 'utf8' }).replace(/[ \t]+/g, ' ');

describe('documents: the invoice PDF (web preview and e-mail attachment)', () => {
  let api: TestApi;
  let b: AccessBuilders;
  let store: ObjectStore;
  beforeAll(async () => {
    api = await startTestApi('document-pdf');
    b = new AccessBuilders(api.ctx.dataSource);
    store = api.app.get<ObjectStore>(OBJECT_STORE);
  });
  afterAll(() => api.close());

  async function company() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    const storeUser = await api.ctx.newUser({ tenant, role: 'user' });
    const folder = await b.newFolder(tenant, 'Sklepy/Kraków');
    return { tenant, admin, storeUser, folder };
  }

  /** A document whose invoice XML is in the object store, as intake and KSeF retrieval leave it. */
  async function documentWithXml(
    c: Awaited<ReturnType<typeof company>>,
    options: { ksefNumber: string | null; xml?: Buffer },
  ) {
    const document = await b.newDocument({ tenant: c.tenant, folder: c.folder, number: 'FV/2026/01/0042' });
    const key = objectKey(c.tenant.id, 'documents', document.id, 'invoice.xml');
    await store.put(key, options.xml ?? INVOICE_XML, { contentType: 'application/xml' });
    await api.ctx.dataSource.query(`UPDATE documents SET xml_key = $2, ksef_number = $3 WHERE id = $1`, [
      document.id,
      key,
      options.ksefNumber,
    ]);
    return document;
  }

  const pdfKeyOf = async (id: string) =>
    (
      await api.ctx.dataSource.query<{ pdf_key: string | null }[]>(`SELECT pdf_key FROM documents WHERE id = $1`, [id])
    )[0]!.pdf_key;

  it('renders the invoice from its XML with the KSeF number and keeps that PDF for every later request', async () => {
    const c = await company();
    const document = await documentWithXml(c, { ksefNumber: KSEF_NUMBER });
    const token = await api.signIn(c.admin);

    const first = await api.request(`/v1/documents/${document.id}/pdf`, { token });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe(
      `inline; filename="FV-2026-01-0042.pdf"; filename*=UTF-8''FV-2026-01-0042.pdf`,
    );
    const pdf = Buffer.from(await first.arrayBuffer());
    const text = pdfText(pdf);
    for (const expected of ['FV/2026/01/0042', 'Przedsiębiorstwo Handlowe Łąka S.A.', 'Sprawdź, czy Twoja faktura']) {
      expect(text).toContain(expected);
    }
    expect(text.replace(/\s/g, '')).toContain(KSEF_NUMBER);

    const stored = await pdfKeyOf(document.id);
    expect(stored).toBe(objectKey(c.tenant.id, 'documents', document.id, 'invoice.pdf'));
    const again = await api.request(`/v1/documents/${document.id}/pdf`, { token });
    // The stored bytes, not a new rendering (which would carry another creation time).
    expect(Buffer.from(await again.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('renders a document KSeF has not numbered yet on every request and stores nothing', async () => {
    const c = await company();
    const document = await documentWithXml(c, { ksefNumber: null });
    const response = await api.request(`/v1/documents/${document.id}/pdf`, { token: await api.signIn(c.admin) });
    expect(response.status).toBe(200);
    expect(pdfText(Buffer.from(await response.arrayBuffer()))).toContain('FV/2026/01/0042');
    expect(await pdfKeyOf(document.id)).toBeNull();
  });

  it('answers 404 to a person who may not view the document, and serves it once the folder is shared', async () => {
    const c = await company();
    const document = await documentWithXml(c, { ksefNumber: KSEF_NUMBER });
    const token = await api.signIn(c.storeUser);
    const refused = await api.request(`/v1/documents/${document.id}/pdf`, { token });
    expect(refused.status).toBe(404);
    expect(((await refused.json()) as Problem).code).toBe('DOCUMENT_NOT_FOUND');

    const group = await b.newGroup(c.tenant, { name: 'Sklep Kraków', members: [c.storeUser] });
    await b.newGrant({ tenant: c.tenant, folder: c.folder, group, permission: 'view' });
    const allowed = await api.request(`/v1/documents/${document.id}/pdf`, { token });
    expect(allowed.status).toBe(200);
    expect(
      Buffer.from(await allowed.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('explains in Polish why there is no PDF: no invoice XML yet, or XML that cannot be read', async () => {
    const c = await company();
    const token = await api.signIn(c.admin);
    const bare = await b.newDocument({ tenant: c.tenant, folder: c.folder });
    const missing = await api.request(`/v1/documents/${bare.id}/pdf`, { token });
    expect(missing.status).toBe(409);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect((await missing.json()) as Problem).toEqual(
      expect.objectContaining({ code: 'DOCUMENT_XML_MISSING', detail: expect.stringMatching(/nie ma jeszcze treści/) }),
    );

    const broken = await documentWithXml(c, { ksefNumber: KSEF_NUMBER, xml: Buffer.from('<Faktura>nie XML') });
    const unreadable = await api.request(`/v1/documents/${broken.id}/pdf`, { token });
    expect(unreadable.status).toBe(409);
    expect(((await unreadable.json()) as Problem).code).toBe('DOCUMENT_XML_UNREADABLE');
    expect(await pdfKeyOf(broken.id)).toBeNull();
  });

  it('answers 401 without a session and 404 for another company’s document', async () => {
    const c = await company();
    const document = await documentWithXml(c, { ksefNumber: KSEF_NUMBER });
    expect((await api.request(`/v1/documents/${document.id}/pdf`)).status).toBe(401);
    const other = await company();
    const response = await api.request(`/v1/documents/${document.id}/pdf`, { token: await api.signIn(other.admin) });
    expect(response.status).toBe(404);
  });
});

describe('pdfFileName', () => {
  it('turns an invoice number into a safe download name', () => {
    expect(pdfFileName('FV/2026/01/7')).toBe('FV-2026-01-7.pdf');
    expect(pdfFileName('KOR\\1:2*?"<>|')).toBe('KOR-1-2.pdf');
    expect(pdfFileName('../..')).toBe('faktura.pdf');
    expect(pdfFileName('FV\u0007\n/1')).toBe('FV-1.pdf');
    expect(pdfFileName('Faktura żółta 1')).toBe('Faktura żółta 1.pdf');
  });
});
