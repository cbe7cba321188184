import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebBrowser } from '../support/browser';
import { startStack } from '../support/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;

const WORKER = { email: 'magazynier@demo.bufor.local', displayName: 'Marek Magazynier' };

/**
 * Issue 7: "who can see this folder" and a person's folders, shown from the API's one permission function, checked
 * against grants made here: a group's `view` on a parent folder (inherited below it) and a personal `handle`
 * limited to purchase documents on the subfolder.
 */
describe('web: effective permissions by folder and by person', { timeout: 180_000 }, () => {
  let stack: Stack;
  let browser: WebBrowser;
  let token: string;

  beforeAll(async () => {
    stack = await startStack({ web: true, mail: true });
    browser = await WebBrowser.launch(stack.webUrl);
    const login = await fetch(`${stack.apiUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stack.admin),
    });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    expect(response.status, `${method} ${path}: ${await response.clone().text()}`).toBeLessThan(300);
    return (await response.json()) as T;
  }

  /** The cells of a table's body rows, whitespace collapsed. */
  async function rowsOf(table: Locator): Promise<string[][]> {
    const rows = table.locator('tbody tr');
    const result: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      result.push(cells.map((cell) => cell.replace(/\s+/g, ' ').trim()));
    }
    return result;
  }

  it('shows who reaches a folder and why, and the folders a person reaches', async () => {
    const parent = await api<{ id: string }>('POST', '/v1/folders', { name: 'Magazyn' });
    const shelf = await api<{ id: string }>('POST', '/v1/folders', { name: 'Regał A', parentId: parent.id });
    const group = await api<{ id: string }>('POST', '/v1/groups', { name: 'Magazynierzy' });
    const worker = await api<{ id: string }>('POST', '/v1/users', { ...WORKER, role: 'user', groupIds: [group.id] });
    await api('POST', `/v1/folders/${parent.id}/grants`, { groupId: group.id, permission: 'view' });
    await api('POST', `/v1/folders/${shelf.id}/grants`, {
      userId: worker.id,
      permission: 'handle',
      documentKinds: ['purchase'],
    });

    const page = await browser.loggedIn(stack.admin.email, stack.admin.password);
    await page.goto(`${stack.webUrl}/administracja/uprawnienia`);
    await page.getByRole('navigation', { name: 'Katalogi' }).getByRole('link', { name: 'Regał A' }).click();
    await page.getByRole('heading', { name: 'Kto widzi ten katalog' }).waitFor();
    const access = page.getByTestId('folder-access');
    const workerRows = (await rowsOf(access)).filter((cells) => cells[0]!.includes(WORKER.email));
    expect(workerRows.sort()).toEqual(
      [
        [`${WORKER.displayName} ${WORKER.email}`, 'Obsługa', 'uprawnienie osobiste', 'Zakup'],
        [
          `${WORKER.displayName} ${WORKER.email}`,
          'Podgląd',
          'Grupa Magazynierzy, odziedziczone z katalogu Magazyn',
          'wszystkie',
        ],
      ].sort(),
    );
    const adminRow = (await rowsOf(access)).find((cells) => cells[0]!.includes(stack.admin.email));
    expect(adminRow?.[2]).toMatch(/^rola: (Właściciel|Administrator)$/);

    // The same person from the other side: the folders they reach and with what.
    await page
      .getByRole('navigation', { name: 'Widoki uprawnień' })
      .getByRole('link', { name: 'Według osoby' })
      .click();
    await page.getByLabel('Osoba').selectOption({ label: `${WORKER.displayName} (${WORKER.email})` });
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await page.getByRole('heading', { name: `Katalogi, do których ma dostęp: ${WORKER.displayName}` }).waitFor();
    expect((await rowsOf(page.getByTestId('person-folders'))).sort()).toEqual(
      [
        ['Magazyn', 'Podgląd', 'wszystkie'],
        ['Magazyn / Regał A', 'Obsługa', 'Zakup'],
        ['Magazyn / Regał A', 'Podgląd', 'wszystkie'],
      ].sort(),
    );

    // Without the group, the parent folder and the inherited view are gone.
    await fetch(`${stack.apiUrl}/v1/groups/${group.id}/members/${worker.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    await page.reload();
    expect(await rowsOf(page.getByTestId('person-folders'))).toEqual([['Magazyn / Regał A', 'Obsługa', 'Zakup']]);

    // The users list leads to the same view.
    await page.goto(`${stack.webUrl}/administracja/uzytkownicy`);
    await page.getByTestId(`user-${WORKER.email}`).getByRole('link', { name: 'Dostęp do katalogów' }).click();
    await page.getByRole('heading', { name: `Katalogi, do których ma dostęp: ${WORKER.displayName}` }).waitFor();
    expect(await rowsOf(page.getByTestId('person-folders'))).toEqual([['Magazyn / Regał A', 'Obsługa', 'Zakup']]);

    // An owner or admin sees every folder by role.
    const me = await api<{ user: { displayName: string } }>('GET', '/v1/me');
    await page.getByLabel('Osoba').selectOption({ label: `${me.user.displayName} (${stack.admin.email})` });
    await page.getByRole('button', { name: 'Pokaż' }).click();
    await page.getByText(/^Jako (Właściciel|Administrator) widzi wszystkie katalogi firmy/).waitFor();
  });
});
