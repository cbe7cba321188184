import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const STEP_TIMEOUT_MS = 20_000;

/** Debian's Chromium driven by Playwright, with one fresh context (cookies) per page and the Polish web's forms. */
export class WebBrowser {
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    private readonly browser: Browser,
    private readonly webUrl: string,
  ) {}

  static async launch(webUrl: string): Promise<WebBrowser> {
    return new WebBrowser(await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }), webUrl);
  }

  async freshPage(): Promise<Page> {
    const context = await this.browser.newContext({ locale: 'pl-PL', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    this.contexts.push(context);
    return context.newPage();
  }

  /** A new page logged in as the given person, on the dashboard. */
  async loggedIn(email: string, password: string): Promise<Page> {
    const page = await this.freshPage();
    await page.goto(`${this.webUrl}/login`);
    await page.getByLabel('Adres e-mail').fill(email);
    await page.getByLabel('Hasło').fill(password);
    await page.getByRole('button', { name: 'Zaloguj się' }).click();
    await page.waitForURL((target) => target.pathname === '/');
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser.close();
  }
}

/** Submits a form and waits for its Polish confirmation (a refusal fails the test with the API's message). */
export async function submitAndConfirm(page: Page, form: string, button: string): Promise<string> {
  const scope = page.getByRole('form', { name: form });
  await scope.getByRole('button', { name: button }).click();
  const note = scope.locator('.form-note');
  await note.waitFor();
  const text = (await note.textContent()) ?? '';
  expect(await note.getAttribute('role'), text).toBe('status');
  return text;
}

/** The error shown next to a labelled field of a form. */
export function fieldError(page: Page, form: string, label: string) {
  return page
    .getByRole('form', { name: form })
    .locator('.field', { has: page.getByLabel(label, { exact: true }) })
    .locator('.field__error');
}
