import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldError, submitAndConfirm, WebBrowser } from '../support/browser';
import { startStack } from '../support/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;

const DEMO_NIP = '1234563218';
const FORM = 'Certyfikat KSeF';
const CERTIFICATE_FIELD = 'Certyfikat (.crt, PEM lub DER)';
const KEY_FIELD = 'Klucz prywatny (.key, PEM lub DER)';
const KEY_PASSWORD = 'Hasło-do-klucza-2026';

/**
 * A company seal certificate for the demo NIP as KSeF reads it (organizationIdentifier VATPL-<nip>), made with
 * openssl here: the certificate as binary DER (so the upload must survive non-text bytes), its key as an encrypted
 * PKCS#8 PEM, and the key of another certificate.
 */
function makeCertificateFiles(dir: string) {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const subject = `/C=PL/O=Demo Sp. z o.o./organizationIdentifier=VATPL-${DEMO_NIP}/CN=Demo Sp. z o.o.`;
  for (const name of ['mine', 'other']) {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '365',
      '-subj',
      subject,
      '-addext',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      '-keyout',
      `${name}.key.pem`,
      '-out',
      `${name}.crt.pem`,
    );
  }
  openssl('x509', '-in', 'mine.crt.pem', '-outform', 'DER', '-out', 'mine.cer');
  openssl(
    'pkcs8',
    '-topk8',
    '-in',
    'mine.key.pem',
    '-out',
    'mine.key',
    '-v2',
    'aes-256-cbc',
    '-passout',
    `pass:${KEY_PASSWORD}`,
  );
  return { certificate: join(dir, 'mine.cer'), key: join(dir, 'mine.key'), otherKey: join(dir, 'other.key.pem') };
}

/** Issue 7: Ustawienia → Połączenie z KSeF takes a certificate and its key from files and logs in to the simulator. */
describe('web: KSeF certificate upload and "Sprawdź połączenie"', { timeout: 180_000 }, () => {
  let stack: Stack;
  let browser: WebBrowser;
  const dir = mkdtempSync(join(tmpdir(), 'bufor-e2e-cert-'));

  beforeAll(async () => {
    stack = await startStack({ web: true, simulator: true });
    browser = await WebBrowser.launch(stack.webUrl);
    // The simulator knows the demo company as a taxpayer.
    const context = await fetch(`${stack.simulatorUrl}/sim/contexts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nip: DEMO_NIP }),
    });
    expect(context.status).toBeLessThan(300);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an oversized file and a key of another certificate in Polish, then stores the pair and logs in to KSeF with it', async () => {
    const files = makeCertificateFiles(dir);
    const page = await browser.loggedIn(stack.admin.email, stack.admin.password);
    await page.goto(`${stack.webUrl}/ustawienia/ksef`);
    const form = page.getByRole('form', { name: FORM });

    // A file far bigger than any certificate is refused at its field before anything is sent.
    await form.getByLabel(CERTIFICATE_FIELD).setInputFiles({
      name: 'ogromny.cer',
      mimeType: 'application/pkix-cert',
      buffer: randomBytes(100 * 1024),
    });
    await form.getByLabel(KEY_FIELD).setInputFiles(files.key);
    await form.getByRole('button', { name: 'Zapisz certyfikat' }).click();
    await fieldError(page, FORM, CERTIFICATE_FIELD).waitFor();
    expect(await fieldError(page, FORM, CERTIFICATE_FIELD).textContent()).toMatch(
      /^Plik jest za duży \(najwyżej 48 KB\)/,
    );
    expect(await form.locator('.form-note').textContent()).toBe('Popraw zaznaczone pola.');
    await page.reload();

    await form.getByLabel(CERTIFICATE_FIELD).setInputFiles(files.certificate);
    await form.getByLabel(KEY_FIELD).setInputFiles(files.otherKey);
    await form.getByRole('button', { name: 'Zapisz certyfikat' }).click();
    const refusal = form.locator('.form-note');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.textContent()).toBe('Klucz prywatny nie pasuje do certyfikatu.');
    expect(await fieldError(page, FORM, KEY_FIELD).textContent()).toBe('Klucz prywatny nie pasuje do certyfikatu.');
    await page.reload();
    expect(await page.getByTestId('ksef-active').textContent()).toBe('Nieaktywne');
    expect(await page.getByText('nie skonfigurowano').count()).toBe(1);

    await form.getByLabel(CERTIFICATE_FIELD).setInputFiles(files.certificate);
    await form.getByLabel(KEY_FIELD).setInputFiles(files.key);
    await form.getByLabel('Hasło do klucza (jeśli jest)').fill(KEY_PASSWORD);
    expect(await submitAndConfirm(page, FORM, 'Zapisz certyfikat')).toBe(
      'Zapisano dane uwierzytelniające. Sprawdź połączenie.',
    );
    const status = page.getByRole('region', { name: 'Stan połączenia' });
    await status.getByText(`VATPL-${DEMO_NIP}`).waitFor();
    expect(await status.getByText('Certyfikat KSeF', { exact: true }).count()).toBe(1);

    expect(await submitAndConfirm(page, 'Sprawdź połączenie', 'Sprawdź połączenie')).toBe('Połączenie z KSeF działa.');
    await page.reload();
    expect(await page.getByTestId('ksef-active').textContent()).toBe('Aktywne');
  });
});
