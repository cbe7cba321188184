import type { MailMessage } from '@bufor/platform';

export interface InvitationMailInput {
  to: string;
  displayName: string;
  tenantName: string;
  /** Null when the account already has a password: it only gains a company. */
  setPasswordUrl: string | null;
  loginUrl: string;
}

export function invitationMail(input: InvitationMailInput): MailMessage {
  const greeting = `Dzień dobry ${input.displayName},`;
  const body = input.setPasswordUrl
    ? [
        `zaproszono Cię do firmy „${input.tenantName}” w systemie Bufor.`,
        '',
        'Aby aktywować konto, ustaw hasło pod adresem (link jest jednorazowy i ważny 7 dni):',
        input.setPasswordUrl,
      ]
    : [
        `dodano Cię do firmy „${input.tenantName}” w systemie Bufor.`,
        '',
        'Masz już konto, więc nie musisz ustawiać nowego hasła. Zaloguj się jak zwykle:',
        input.loginUrl,
      ];
  return {
    to: input.to,
    subject: input.setPasswordUrl
      ? `Zaproszenie do firmy ${input.tenantName} w systemie Bufor`
      : `Dostęp do firmy ${input.tenantName} w systemie Bufor`,
    text: [
      greeting,
      '',
      ...body,
      '',
      'Jeśli nie spodziewasz się tej wiadomości, zignoruj ją.',
      '',
      'Zespół Bufor',
    ].join('\n'),
  };
}

export function passwordResetMail(to: string, displayName: string, setPasswordUrl: string): MailMessage {
  return {
    to,
    subject: 'Resetowanie hasła w systemie Bufor',
    text: [
      `Dzień dobry ${displayName},`,
      '',
      'otrzymaliśmy prośbę o zresetowanie hasła do Twojego konta w systemie Bufor.',
      'Ustaw nowe hasło pod adresem (link jest jednorazowy i ważny 1 godzinę):',
      setPasswordUrl,
      '',
      'Jeśli to nie Ty, zignoruj tę wiadomość — hasło pozostanie bez zmian.',
      '',
      'Zespół Bufor',
    ].join('\n'),
  };
}
