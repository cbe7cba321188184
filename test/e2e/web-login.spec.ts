import { Client } from 'pg';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Membership = { tenantId: string; tenantName: string; nip: string; role: string };

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const STEP_TIMEOUT_MS = 20_000;

describe('web: login, dashboard and logout (Polish UI)', { timeout: 90_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await startStack({ web: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    return context.newPage();
  }

  async function submitLogin(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
  }

  it('sends an unauthenticated visit to /dokumenty to the login page and back after login', async () => {
    const page = await freshPage();
    await page.goto(`${stack.webUrl}/dokumenty`);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('callbackUrl')).toBe('/dokumenty');
    await page.getByRole('heading', { name: 'Zaloguj się' }).waitFor();

    await submitLogin(page, stack.admin.email, stack.admin.password);
    await page.waitForURL((target) => target.pathname === '/dokumenty');
    await page.getByRole('heading', { name: 'Dokumenty', level: 1 }).waitFor();
  });

  it('logs the demo admin in and shows the Polish dashboard with their company', async () => {
    // What the API says about the admin's company, to compare with what the page shows.
    const response = await fetch(`${stack.apiUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stack.admin),
    });
    expect(response.status).toBe(200);
    const { user, memberships } = (await response.json()) as {
      user: { displayName: string };
      memberships: Membership[];
    };
    const company = memberships[0]!;

    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    const since = (await db.query<{ now: Date }>('SELECT now()')).rows[0]!.now;

    const page = await freshPage();
    await page.goto(`${stack.webUrl}/login`);
    await submitLogin(page, stack.admin.email, stack.admin.password);
    await page.waitForURL((target) => target.pathname === '/');

    await page.getByRole('heading', { name: 'Pulpit', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(
      `Dzień dobry, ${user.displayName}!`,
    );
    expect(await page.getByTestId('tenant-name').textContent()).toBe(company.tenantName);
    expect(await page.getByTestId('tenant-nip').textContent()).toBe(company.nip);
    const nav = page.getByRole('navigation', { name: 'Menu główne' });
    for (const label of ['Pulpit', 'Sprzedaż', 'Zakupy', 'Dokumenty', 'Administracja', 'Ustawienia']) {
      expect(await nav.getByRole('link', { name: label, exact: true }).count()).toBe(1);
    }

    await nav.getByRole('link', { name: 'Zakupy' }).click();
    await page.getByRole('heading', { name: 'Zakupy', level: 1 }).waitFor();
    expect(await page.getByText('faktury zakupowe pobrane z KSeF').count()).toBe(1);

    await page.getByRole('button', { name: 'Wyloguj' }).click();
    await page.waitForURL((target) => target.pathname === '/login');
    await page.goto(`${stack.webUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');

    // Logging out of the web revoked the API session behind it.
    const sessions = await db.query<{ revoked: boolean }>(
      'SELECT revoked_at IS NOT NULL AS revoked FROM auth_sessions WHERE created_at >= $1',
      [since],
    );
    await db.end();
    expect(sessions.rows.map((row) => row.revoked)).toEqual([true]);
  });

  it('shows a Polish error for a wrong password and stays on the login page', async () => {
    const page = await freshPage();
    await page.goto(`${stack.webUrl}/login`);
    await submitLogin(page, stack.admin.email, `${stack.admin.password}-zle`);
    const error = page.locator('form [role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Nieprawidłowy e-mail lub hasło\.?$/);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('tenant-name').count()).toBe(0);
  });
});
