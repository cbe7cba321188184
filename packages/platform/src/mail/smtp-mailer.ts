import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { inspect } from 'node:util';
import { type MailMessage, type Mailer, MailerError, type SentMail } from './mailer';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  /** Sender, e.g. `Bufor <no-reply@bufor.pl>`. */
  from: string;
  /** Connection and greeting timeout; default 10 s, so a dead relay fails a job instead of hanging it. */
  timeoutMs?: number;
}

// Deliberately loose: the SMTP server is the judge of deliverability, this only catches obvious mistakes early.
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

  constructor(private readonly options: SmtpMailerOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    this.transport = createTransport({
      url: options.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 3,
    });
  }

  async send(message: MailMessage): Promise<SentMail> {
    const to = Array.isArray(message.to) ? message.to : [message.to];
    if (to.length === 0) throw new MailerError('INVALID_MESSAGE', 'to: at least one recipient is required');
    to.forEach((address, index) => {
      if (!ADDRESS.test(address)) throw new MailerError('INVALID_MESSAGE', `to[${index}]: not an e-mail address`);
    });
    if (message.subject.trim() === '') throw new MailerError('INVALID_MESSAGE', 'subject: must not be empty');
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        replyTo: message.replyTo,
        attachments: message.attachments?.map((attachment) => ({
          filename: attachment.filename,
          content: attachment.content,
          contentType: attachment.contentType,
        })),
      });
      return { messageId: info.messageId, accepted: addresses(info.accepted), rejected: addresses(info.rejected) };
    } catch (error) {
      throw toMailerError('send', error);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (error) {
      throw toMailerError('verify', error);
    }
  }

  close(): void {
    this.transport.close();
  }

  // The URL may carry SMTP credentials: never print it.
  toJSON(): Record<string, string> {
    return { from: this.options.from };
  }

  [inspect.custom](): string {
    return `SmtpMailer(${this.options.from})`;
  }
}

function addresses(list: (string | { address: string })[]): string[] {
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address));
}

/** 5xx replies are permanent; 4xx replies and network failures are worth a retry. */
function toMailerError(operation: string, error: unknown): MailerError {
  const details = error as { code?: string; responseCode?: number; message?: string };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const permanent = responseCode !== undefined && responseCode >= 500;
  const label = [details.code, responseCode === undefined ? undefined : `SMTP ${responseCode}`]
    .filter(Boolean)
    .join(', ');
  return new MailerError(
    permanent ? 'REJECTED' : 'UNAVAILABLE',
    `mail ${operation} failed${label ? ` (${label})` : ''}: ${details.message ?? 'unknown error'}`,
    { cause: error },
  );
}
