import { mkdir } from 'node:fs/promises';

export interface LocalMailCatcherOptions {
  /** 0 picks a free port. */
  smtpPort: number;
  /** Port of the web inbox and its REST API; 0 picks a free port. */
  webPort: number;
  /** Where caught mail is kept as .eml files, so the inbox survives restarts. */
  directory: string;
  host?: string;
}

export interface CaughtMail {
  id: string;
  subject: string;
  from: string[];
  to: string[];
  text: string | undefined;
  html: string | undefined;
  attachments: { filename: string; contentType: string; size: number; downloadName: string }[];
  receivedAt: Date;
}

export interface LocalMailCatcher {
  smtpUrl: string;
  webUrl: string;
  smtpPort: number;
  webPort: number;
  /** Every caught message, newest first, read through the inbox's REST API. */
  messages(): Promise<CaughtMail[]>;
  /** The bytes of one attachment of a caught message. */
  attachment(mail: CaughtMail, filename: string): Promise<Buffer>;
  /** Waits until a caught message matches, for tests where mail is sent by another process (e.g. the worker). */
  waitForMessage(predicate: (mail: CaughtMail) => boolean, options?: { timeoutMs?: number }): Promise<CaughtMail>;
  /** Empties the inbox. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

interface MaildevAddress {
  address: string;
  name?: string;
}

interface MaildevEmail {
  id: string;
  subject?: string;
  from?: MaildevAddress[];
  to?: MaildevAddress[];
  text?: string;
  html?: string;
  time: string;
  attachments?: { filename?: string; generatedFileName: string; contentType: string; size: number }[];
}

/**
 * The development mail catcher: MailDev accepts every message on its SMTP port and shows it in a web inbox
 * (open webUrl in a browser). Nothing is relayed anywhere.
 */
export async function startLocalMailCatcher(options: LocalMailCatcherOptions): Promise<LocalMailCatcher> {
  const host = options.host ?? '127.0.0.1';
  await mkdir(options.directory, { recursive: true });
  // MailDev 3 ships only as an ES module; a real dynamic import loads it from this CommonJS package.
  const { MailDev } = await import('maildev');
  const maildev = new MailDev({
    smtp: options.smtpPort,
    ip: host,
    web: options.webPort,
    webIp: host,
    mailDirectory: options.directory,
    silent: true,
  });
  const servers = await maildev.start();
  const smtpPort = servers.smtp.getPort();
  const webPort = servers.api?.getPort() ?? options.webPort;
  const webUrl = `http://${host}:${webPort}`;

  const api = async (path: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(`${webUrl}/api${path}`, init);
    if (!response.ok) throw new Error(`mail catcher ${init?.method ?? 'GET'} ${path} answered HTTP ${response.status}`);
    return response;
  };

  const messages = async (): Promise<CaughtMail[]> => {
    const emails = (await (await api('/email')).json()) as MaildevEmail[];
    return emails.map(toCaughtMail).sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  };

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    webUrl,
    smtpPort,
    webPort,
    messages,
    async waitForMessage(predicate, { timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await messages()).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching mail arrived at ${webUrl} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async attachment(mail, filename) {
      const entry = mail.attachments.find((candidate) => candidate.filename === filename);
      if (!entry) throw new Error(`message ${mail.id} has no attachment ${filename}`);
      const path = `/email/${encodeURIComponent(mail.id)}/attachment/${encodeURIComponent(entry.downloadName)}`;
      return Buffer.from(await (await api(path)).arrayBuffer());
    },
    async clear() {
      await api('/email/all', { method: 'DELETE' });
    },
    stop: () => maildev.stop(),
  };
}

function toCaughtMail(email: MaildevEmail): CaughtMail {
  return {
    id: email.id,
    subject: email.subject ?? '',
    from: (email.from ?? []).map((entry) => entry.address),
    to: (email.to ?? []).map((entry) => entry.address),
    text: email.text,
    html: email.html,
    attachments: (email.attachments ?? []).map((attachment) => ({
      filename: attachment.filename ?? attachment.generatedFileName,
      contentType: attachment.contentType,
      size: attachment.size,
      downloadName: attachment.generatedFileName,
    })),
    receivedAt: new Date(email.time),
  };
}
