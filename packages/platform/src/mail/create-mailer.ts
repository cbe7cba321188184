import type { ApiConfig } from '@bufor/config';
import type { Mailer } from './mailer';
import { SmtpMailer } from './smtp-mailer';

export type MailerConfig = Pick<ApiConfig, 'SMTP_URL' | 'MAIL_FROM'>;

export function createMailer(config: MailerConfig): Mailer {
  return new SmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM });
}
