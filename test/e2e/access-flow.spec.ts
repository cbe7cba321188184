import { Client } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const STEP_TIMEOUT_MS = 20_000;
const STORE_USER = { email: 'kasjer.krakow@demo.bufor.local', displayName: 'Kasia Kasjerka' };
const STORE_PASSWORD = 'Krakowskie-Hasło-2026';
/** A second company of the demo admin: the demo seed already has its own "Sklep Kraków", so the story runs here. */
const COMPANY = { nip: '5260250274', slug: 'malopolska', name: 'Sklepy Małopolska Sp. z o.o.' };

/**
 * Issue 7's access story in the browser: an admin gives the Kraków store's group `view` on "Sklepy/Kraków" and invites
 * a cashier into it; the cashier sets a password from the e-mail and sees that folder's documents and nothing else.
 */
describe('web: folder permissions from the admin screens to what a store user sees', { timeout: 180_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startStack({ web: true, mail: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    contexts.push(context);
    return context.newPage();
  }

  async function login(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${stack.webUrl}/login`);
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((target) => target.pathname === '/');
  }

  /** Submits a form and waits for its Polish confirmation (a refusal fails the test with the API's message). */
  async function submitAndConfirm(page: Page, form: string, button: string): Promise<void> {
    const scope = page.getByRole('form', { name: form });
    await scope.getByRole('button', { name: button }).click();
    const note = scope.locator('.form-note');
    await note.waitFor();
    expect(await note.getAttribute('role'), (await note.textContent()) ?? '').toBe('status');
  }

  it('lets the store user see only the documents of the folder granted to their group', async () => {
    const demoDocumentId = await addSecondCompany(stack.databaseUrl, stack.admin.email);
    const admin = await freshPage();
    await login(admin, stack.admin.email, stack.admin.password);
    // The tenant switcher picks the company every later API call is made in (X-Tenant-Id).
    await admin.getByLabel('Firma', { exact: true }).selectOption({ label: `${COMPANY.name} (NIP ${COMPANY.nip})` });
    await admin.getByTestId('tenant-name').filter({ hasText: COMPANY.name }).waitFor();

    // 1. The group.
    await admin.goto(`${stack.webUrl}/administracja/grupy`);
    await admin.getByRole('form', { name: 'Nowa grupa' }).getByLabel('Nazwa').fill('Sklep Kraków');
    await submitAndConfirm(admin, 'Nowa grupa', 'Utwórz grupę');
    await admin.getByRole('link', { name: 'Sklep Kraków' }).waitFor();

    // 2. The folders "Sklepy" and "Sklepy/Kraków".
    await admin.goto(`${stack.webUrl}/administracja/katalogi`);
    const newFolder = admin.getByRole('form', { name: 'Nowy katalog' });
    await newFolder.getByLabel('Nazwa katalogu').fill('Sklepy');
    await submitAndConfirm(admin, 'Nowy katalog', 'Utwórz katalog');
    await newFolder.getByLabel('Katalog nadrzędny').selectOption({ label: 'Sklepy' });
    await newFolder.getByLabel('Nazwa katalogu').fill('Kraków');
    await submitAndConfirm(admin, 'Nowy katalog', 'Utwórz katalog');
    await admin.getByTestId('folder-name').filter({ hasText: 'Kraków' }).waitFor();

    // 3. `view` on Kraków for the group.
    await admin.goto(`${stack.webUrl}/administracja/uprawnienia`);
    await admin.getByRole('navigation', { name: 'Katalogi' }).getByRole('link', { name: 'Kraków' }).click();
    await admin.getByRole('heading', { name: 'Uprawnienia do katalogu Sklepy / Kraków' }).waitFor();
    const grantForm = admin.getByRole('form', { name: 'Nadaj uprawnienie' });
    await grantForm.getByLabel('Komu').selectOption({ label: 'Grupa Sklep Kraków' });
    await grantForm.getByLabel('Uprawnienie').selectOption({ label: 'Podgląd' });
    await submitAndConfirm(admin, 'Nadaj uprawnienie', 'Nadaj');
    await admin.getByRole('cell', { name: 'Grupa Sklep Kraków' }).waitFor();

    // 4. The new user, invited into the group.
    await admin.goto(`${stack.webUrl}/administracja/uzytkownicy`);
    const invite = admin.getByRole('form', { name: 'Zaproś użytkownika' });
    await invite.getByLabel('Adres e-mail').fill(STORE_USER.email);
    await invite.getByLabel('Imię i nazwisko').fill(STORE_USER.displayName);
    await invite.getByLabel('Rola').selectOption({ label: 'Użytkownik' });
    await invite.getByLabel('Sklep Kraków').check();
    await submitAndConfirm(admin, 'Zaproś użytkownika', 'Wyślij zaproszenie');
    await admin.getByTestId(`user-${STORE_USER.email}`).getByText('Zaproszony').waitFor();

    // Documents: three in Kraków, two elsewhere in the same company.
    const { krakow, elsewhere } = await seedDocuments(stack.databaseUrl);

    // 5. The invitation e-mail carries the one-time link to set a password.
    const mail = await stack.mail!.waitForMessage((message) => message.to.includes(STORE_USER.email), {
      timeoutMs: 15_000,
    });
    const link = /https?:\/\/\S+\/ustaw-haslo\?token=[^\s"'<>]+/.exec(mail.text ?? mail.html ?? '')?.[0];
    expect(link, mail.text).toBeDefined();
    expect(new URL(link!).origin).toBe(stack.webUrl);

    const user = await freshPage();
    await user.goto(link!);
    await user.getByRole('heading', { name: 'Ustaw hasło' }).waitFor();
    await user.getByLabel('Nowe hasło').fill(STORE_PASSWORD);
    await user.getByLabel('Powtórz hasło').fill(STORE_PASSWORD);
    await user.getByRole('button', { name: 'Ustaw hasło' }).click();
    await user.getByText('Hasło zostało ustawione').waitFor();
    await user.getByRole('link', { name: 'Przejdź do logowania' }).click();
    await user.waitForURL((target) => target.pathname === '/login');

    // 6. The store user sees exactly Kraków's documents, and no administration.
    await login(user, STORE_USER.email, STORE_PASSWORD);
    const nav = user.getByRole('navigation', { name: 'Menu główne' });
    expect(await nav.getByRole('link', { name: 'Administracja' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Dokumenty' }).click();
    await user.getByRole('heading', { name: 'Dokumenty', level: 1 }).waitFor();
    const numbers = await user.getByTestId('documents-table').locator('tbody tr td:first-child a').allTextContents();
    expect(numbers.sort()).toEqual(krakow.map((document) => document.number).sort());
    const folders = await user.getByRole('navigation', { name: 'Katalogi' }).getByRole('link').allTextContents();
    expect(folders.map((name) => name.replace(/\s*\(\d+\)$/, ''))).toEqual(['Wszystkie dokumenty', 'Kraków']);

    // Its own document opens; another folder's document by URL is "not found", like one that does not exist.
    await user.getByRole('link', { name: krakow[0]!.number }).click();
    await user.getByRole('heading', { name: `Dokument ${krakow[0]!.number}` }).waitFor();
    await user.goto(`${stack.webUrl}/dokumenty/${elsewhere[0]!.id}`);
    await user.getByRole('heading', { name: 'Nie znaleziono dokumentu' }).waitFor();
    expect(await user.getByText(elsewhere[0]!.number).count()).toBe(0);

    // Nor is a document of the admin's other company.
    await user.goto(`${stack.webUrl}/dokumenty/${demoDocumentId}`);
    await user.getByRole('heading', { name: 'Nie znaleziono dokumentu' }).waitFor();

    // The admin pages are not there for them either.
    await user.goto(`${stack.webUrl}/administracja/uzytkownicy`);
    expect(await user.getByRole('heading', { name: 'Użytkownicy' }).count()).toBe(0);
    expect(await user.getByText(STORE_USER.email).count()).toBe(0);
  });
});

type SeededDocument = { id: string; number: string };

/** Makes the demo admin the owner of a second, empty company; returns a document id of the demo company. */
async function addSecondCompany(databaseUrl: string, adminEmail: string): Promise<string> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tenant = await db.query<{ id: string }>(
      'INSERT INTO tenants (nip, slug, name, plan) VALUES ($1, $2, $3, $4) RETURNING id',
      [COMPANY.nip, COMPANY.slug, COMPANY.name, 'full'],
    );
    await db.query(
      `INSERT INTO memberships (tenant_id, user_id, role) SELECT $1, id, 'owner' FROM users WHERE email = $2`,
      [tenant.rows[0]!.id, adminEmail],
    );
    const document = await db.query<{ id: string }>(
      'SELECT id FROM documents WHERE tenant_id <> $1 ORDER BY issue_date DESC LIMIT 1',
      [tenant.rows[0]!.id],
    );
    expect(document.rows).toHaveLength(1);
    return document.rows[0]!.id;
  } finally {
    await db.end();
  }
}

/** Inserts documents with the owner connection (RLS does not apply to it) into Kraków and into the system folder. */
async function seedDocuments(databaseUrl: string): Promise<{ krakow: SeededDocument[]; elsewhere: SeededDocument[] }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    // The newest "Sklepy/Kraków" is the one the admin just made (a demo seed may hold folders of its own).
    const krakowFolder = (
      await db.query<{ id: string; tenant_id: string }>(
        `SELECT f.id, f.tenant_id FROM folders f JOIN folders p ON p.id = f.parent_id
         WHERE f.name = 'Kraków' AND p.name = 'Sklepy' ORDER BY f.created_at DESC LIMIT 1`,
      )
    ).rows[0];
    expect(krakowFolder).toBeDefined();
    const otherFolder = (
      await db.query<{ id: string; tenant_id: string }>(
        `SELECT id, tenant_id FROM folders WHERE system_key = 'unassigned' AND tenant_id = $1`,
        [krakowFolder!.tenant_id],
      )
    ).rows[0];
    expect(otherFolder).toBeDefined();
    const insert = async (target: { id: string; tenant_id: string }, number: string): Promise<SeededDocument> => {
      const result = await db.query<{ id: string }>(
        `INSERT INTO documents (id, tenant_id, folder_id, direction, kind, status, number, seller_nip, seller_name,
           buyer_nip, buyer_name, issue_date, currency, net_total, vat_total, gross_total)
         VALUES (gen_random_uuid(), $1, $2, 'purchase', 'vat', 'received', $3, '5260250274', 'Hurtownia Wawel Sp. z o.o.',
           '7740001454', 'Demo', '2026-11-02', 'PLN', 100.00, 23.00, 123.00)
         RETURNING id`,
        [target.tenant_id, target.id, number],
      );
      return { id: result.rows[0]!.id, number };
    };
    const krakow = [];
    for (const number of ['FV/KRK/1/11/2026', 'FV/KRK/2/11/2026', 'FV/KRK/3/11/2026']) {
      krakow.push(await insert(krakowFolder!, number));
    }
    const elsewhere = [];
    for (const number of ['FV/WAW/1/11/2026', 'FV/WAW/2/11/2026']) elsewhere.push(await insert(otherFolder!, number));
    return { krakow, elsewhere };
  } finally {
    await db.end();
  }
}
