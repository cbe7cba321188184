export interface MailAttachment {
  filename: string;
  content: Buffer | string;
  contentType?: string;
}

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  attachments?: MailAttachment[];
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** Outgoing e-mail (invitations, password resets, invoice copies to buyers). */
export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
  /** Readiness: connects and greets the SMTP server; rejects with MailerError when it cannot. */
  ping(): Promise<void>;
  close(): void;
}

export type MailerErrorCode = 'INVALID_MESSAGE' | 'REJECTED' | 'UNAVAILABLE';

export class MailerError extends Error {
  constructor(
    readonly code: MailerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MailerError';
  }

  /** A job that hits this may try again later; REJECTED and INVALID_MESSAGE will fail the same way every time. */
  get retryable(): boolean {
    return this.code === 'UNAVAILABLE';
  }
}
