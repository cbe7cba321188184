import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalMailCatcher, type LocalMailCatcher } from '../dev/local-mail-catcher';
import { MailerError } from './mailer';
import { SmtpMailer } from './smtp-mailer';

describe('SmtpMailer through the MailDev catcher', () => {
  let dir: string;
  let catcher: LocalMailCatcher;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bufor-mail-'));
    catcher = await startLocalMailCatcher({ smtpPort: 0, webPort: 0, directory: dir });
    mailer = new SmtpMailer({ url: catcher.smtpUrl, from: 'Bufor <no-reply@bufor.local>' });
  });
  afterAll(async () => {
    mailer.close();
    await catcher.stop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await catcher.clear();
  });

  it('delivers subject, text, html and attachments, readable back from the catcher', async () => {
    const pdf = Buffer.from('%PDF-1.7\n\u00ff\u0000binary', 'latin1');
    const sent = await mailer.send({
      to: ['ksiegowa@firma.pl', 'szef@firma.pl'],
      subject: 'Faktura FV/2026/11/001 — wysłana do KSeF',
      text: 'Dzień dobry, w załączniku faktura.',
      html: '<p>Dzień dobry, w załączniku <b>faktura</b>.</p>',
      attachments: [{ filename: 'faktura-łódź.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    expect(sent.accepted).toEqual(['ksiegowa@firma.pl', 'szef@firma.pl']);
    expect(sent.rejected).toEqual([]);
    expect(sent.messageId).toMatch(/^<.+@.+>$/);

    const [mail, ...others] = await catcher.messages();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      subject: 'Faktura FV/2026/11/001 — wysłana do KSeF',
      from: ['no-reply@bufor.local'],
      to: ['ksiegowa@firma.pl', 'szef@firma.pl'],
    });
    expect(mail!.text?.trim()).toBe('Dzień dobry, w załączniku faktura.');
    expect(mail!.html).toContain('<b>faktura</b>');
    expect(mail!.attachments).toMatchObject([{ filename: 'faktura-łódź.pdf', contentType: 'application/pdf' }]);
    expect(await catcher.attachment(mail!, 'faktura-łódź.pdf')).toEqual(pdf);
  });

  it('serves the inbox to a browser', async () => {
    const response = await fetch(catcher.webUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<html/i);
  });

  it('refuses messages without a usable recipient or subject before talking to the server', async () => {
    await expect(mailer.send({ to: [], subject: 'x', text: 'x' })).rejects.toMatchObject({ code: 'INVALID_MESSAGE' });
    await expect(mailer.send({ to: ['ok@firma.pl', 'nie adres'], subject: 'x', text: 'x' })).rejects.toThrow(
      /^to\[1\]: not an e-mail address$/,
    );
    await expect(mailer.send({ to: 'ok@firma.pl', subject: '  ', text: 'x' })).rejects.toThrow(/subject/);
    expect(await catcher.messages()).toEqual([]);
  });

  it('answers ping() when the server is up and reports a dead server as retryable', async () => {
    await expect(mailer.ping()).resolves.toBeUndefined();
    const dead = new SmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'a@b.pl', timeoutMs: 2000 });
    const error = await dead.ping().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MailerError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    dead.close();
  });

  it('reports a 5xx reply as a permanent rejection', async () => {
    // A one-line SMTP peer that refuses every sender, to see how a permanent refusal is classified.
    const refusing: Server = createServer((socket) => {
      socket.write('220 refuse.test ESMTP\r\n');
      socket.on('data', (data) => {
        const command = data.toString('utf8').slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250 refuse.test\r\n');
        else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('550 5.7.1 sender refused\r\n');
      });
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing.address() as { port: number }).port;
    const strict = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'a@b.pl' });
    try {
      const error = await strict.send({ to: 'x@y.pl', subject: 's', text: 't' }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ code: 'REJECTED', retryable: false });
      expect((error as Error).message).toContain('SMTP 550');
    } finally {
      strict.close();
      await new Promise((resolve) => refusing.close(resolve));
    }
  });

  it('never prints the SMTP URL, which may hold credentials', () => {
    const withPassword = new SmtpMailer({ url: 'smtp://user:hunter2@127.0.0.1:25', from: 'a@b.pl' });
    expect(JSON.stringify(withPassword)).not.toContain('hunter2');
    expect(inspect(withPassword)).not.toContain('hunter2');
    withPassword.close();
  });
});
