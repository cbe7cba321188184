import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldError, submitAndConfirm, WebBrowser } from '../support/browser';
import { startStack } from '../support/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;

const FORM = 'Nowa firma';
const COMPANY = {
  nip: '7251801126',
  name: 'Piekarnia Zakopiańska Sp. z o.o.',
  slug: 'piekarnia-zakopane',
  owner: { email: 'wlasciciel@piekarnia.example.pl', displayName: 'Jan Piekarz' },
};
/** The same NIP with its last digit changed: ten digits, wrong check digit. */
const BAD_NIP = '725-180-11-27';

/** Issue 7: the platform operator's page creates companies; nobody else sees it. */
describe('web: the platform operator creates a company', { timeout: 180_000 }, () => {
  let stack: Stack;
  let browser: WebBrowser;
  let db: Client;

  beforeAll(async () => {
    stack = await startStack({ web: true, mail: true });
    browser = await WebBrowser.launch(stack.webUrl);
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  }, 600_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await stack?.stop();
  });

  const tenantCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tenants')).rows[0]!.n;

  it('hides the page from a company admin who is not an operator', async () => {
    const page = await browser.loggedIn(stack.admin.email, stack.admin.password);
    const nav = page.getByRole('navigation', { name: 'Menu główne' });
    await nav.getByRole('link', { name: 'Administracja' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Firmy (operator)' }).count()).toBe(0);

    const response = await page.goto(`${stack.webUrl}/operator`);
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Nie znaleziono strony' }).waitFor();
    expect(await page.getByRole('form', { name: FORM }).count()).toBe(0);
  });

  it('lets an operator create a company with its first owner; an invalid NIP is refused next to the field', async () => {
    await db.query('UPDATE users SET is_platform_operator = true WHERE email = $1', [stack.admin.email]);
    const page = await browser.loggedIn(stack.admin.email, stack.admin.password);
    await page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link', { name: 'Firmy (operator)' }).click();
    await page.getByRole('heading', { name: 'Firmy na platformie', level: 1 }).waitFor();
    // The demo company is on the list already.
    await page.getByTestId('company-1234563218').waitFor();

    const form = page.getByRole('form', { name: FORM });
    const fill = async (nip: string) => {
      await form.getByLabel('NIP', { exact: true }).fill(nip);
      await form.getByLabel('Nazwa firmy').fill(COMPANY.name);
      await form.getByLabel('Adres portalu (opcjonalnie)').fill(COMPANY.slug);
      await form.getByLabel('Plan').selectOption({ label: 'Demo' });
      await form.getByLabel('Status podatnika').selectOption({ label: 'W restrukturyzacji' });
      await form.getByLabel('EORI').fill('pl725180112600000');
      await form.getByLabel('E-mail kontaktowy').fill('biuro@piekarnia.example.pl');
      const registered = form.getByRole('group', { name: 'Adres siedziby' });
      await registered.getByLabel('Ulica i numer').fill('ul. Krupówki 1');
      await registered.getByLabel('Kod pocztowy').fill('34-500');
      await registered.getByLabel('Miejscowość').fill('Zakopane');
      await form.getByLabel('E-mail właściciela').fill(COMPANY.owner.email);
      await form.getByLabel('Imię i nazwisko właściciela').fill(COMPANY.owner.displayName);
    };

    const before = await tenantCount();
    await fill(BAD_NIP);
    await form.getByRole('button', { name: 'Utwórz firmę' }).click();
    const nipError = fieldError(page, FORM, 'NIP');
    await nipError.waitFor();
    expect(await nipError.textContent()).toBe('NIP ma nieprawidłową cyfrę kontrolną.');
    expect(await form.getByLabel('NIP', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The other fields keep what was typed; nothing was created.
    expect(await form.getByLabel('Nazwa firmy').inputValue()).toBe(COMPANY.name);
    expect(await tenantCount()).toBe(before);

    await page.reload();
    await fill(COMPANY.nip);
    const confirmation = await submitAndConfirm(page, FORM, 'Utwórz firmę');
    expect(confirmation).toContain(`adres portalu: ${COMPANY.slug}`);
    const row = page.getByTestId(`company-${COMPANY.nip}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(COMPANY.name);
    expect(await row.textContent()).toContain(COMPANY.slug);
    expect(await row.textContent()).toContain('W restrukturyzacji');

    const stored = await db.query<Record<string, unknown>>(
      `SELECT t.slug, t.plan, t.eori, t.taxpayer_status, t.contact_email, t.registered_address,
              t.correspondence_address, u.email AS owner_email, m.role
       FROM tenants t JOIN memberships m ON m.tenant_id = t.id JOIN users u ON u.id = m.user_id WHERE t.nip = $1`,
      [COMPANY.nip],
    );
    expect(stored.rows).toEqual([
      {
        slug: COMPANY.slug,
        plan: 'demo',
        eori: 'PL725180112600000',
        taxpayer_status: 'restructuring',
        contact_email: 'biuro@piekarnia.example.pl',
        registered_address: { countryCode: 'PL', line1: 'ul. Krupówki 1', postalCode: '34-500', city: 'Zakopane' },
        correspondence_address: null,
        owner_email: COMPANY.owner.email,
        role: 'owner',
      },
    ]);
    expect(await tenantCount()).toBe(before + 1);
    const invitation = await stack.mail!.waitForMessage((message) => message.to.includes(COMPANY.owner.email), {
      timeoutMs: 15_000,
    });
    expect(invitation.text ?? invitation.html).toMatch(/\/ustaw-haslo\?token=/);

    // The search narrows the list to the new company.
    await page.getByLabel('Szukaj (nazwa, NIP, adres portalu)').fill(COMPANY.nip);
    await page.getByRole('button', { name: 'Filtruj' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === COMPANY.nip);
    const rows = await page.getByTestId('companies-table').locator('tbody tr').count();
    expect(rows).toBe(1);
  });
});
