import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebBrowser } from '../support/browser';
import { startStack } from '../support/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * A document's page shows the invoice's visualisation: the PDF the API renders with fa3 from the stored FA(3) XML
 * (the demo seed stores XML for its VAT invoices), the same document the e-mail attaches.
 */
describe('web: the invoice PDF on a document’s page', { timeout: 180_000 }, () => {
  let stack: Stack;
  let browser: WebBrowser;
  let db: Client;

  beforeAll(async () => {
    stack = await startStack({ web: true });
    browser = await WebBrowser.launch(stack.webUrl);
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await stack?.stop();
  });

  const demoDocument = async (withXml: boolean) =>
    (
      await db.query<{ id: string; number: string }>(
        `SELECT id, number FROM documents WHERE (xml_key IS NOT NULL) = $1 AND ksef_number IS NOT NULL
          ORDER BY number LIMIT 1`,
        [withXml],
      )
    ).rows[0]!;

  it('shows the PDF of an invoice with XML, and says in Polish why there is none otherwise', async () => {
    const page = await browser.loggedIn(stack.admin.email, stack.admin.password);
    const invoice = await demoDocument(true);
    await page.goto(`${stack.webUrl}/dokumenty/${invoice.id}`);
    await page.getByRole('heading', { name: 'Wizualizacja faktury' }).waitFor();
    const frame = page.getByTitle(`Podgląd faktury ${invoice.number} (PDF)`);
    await frame.waitFor();
    const src = await frame.getAttribute('src');
    expect(src).toBe(`/dokumenty/${invoice.id}/pdf`);
    expect(await page.getByRole('link', { name: 'Otwórz PDF w nowej karcie' }).getAttribute('href')).toBe(src);

    // What the frame loads, fetched with the same session cookie.
    const pdf = await page.request.get(`${stack.webUrl}${src}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const text = execFileSync('pdftotext', ['-layout', 'fd://0', '-'], { input: await pdf.body(), encoding: 'utf8' });
    expect(text).toContain(invoice.number);
    expect(text).toContain('Sprawdź, czy Twoja faktura znajduje się w KSeF!');

    const bare = await demoDocument(false);
    await page.goto(`${stack.webUrl}/dokumenty/${bare.id}`);
    await page.getByText('Treść faktury (XML) nie jest jeszcze dostępna').waitFor();
    expect(await page.locator('iframe').count()).toBe(0);
    const refused = await page.request.get(`${stack.webUrl}/dokumenty/${bare.id}/pdf`);
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain('nie ma jeszcze treści faktury');

    // Without a session the PDF route sends the browser to the login page.
    const anonymous = await browser.freshPage();
    await anonymous.goto(`${stack.webUrl}/dokumenty/${invoice.id}/pdf`);
    expect(new URL(anonymous.url()).pathname).toBe('/login');
  });
});
