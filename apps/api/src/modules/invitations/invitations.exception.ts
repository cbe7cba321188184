import { DomainException } from '../../common/domain.exception';

export enum InvitationsExceptionCode {
  TokenExpired = 'AUTH_TOKEN_EXPIRED',
  MailUnavailable = 'MAIL_UNAVAILABLE',
}

export class InvitationsException extends DomainException {
  /** Unknown, used and expired tokens look the same, so a guessed token learns nothing. */
  static tokenExpired(): InvitationsException {
    return new InvitationsException(
      InvitationsExceptionCode.TokenExpired,
      410,
      'Link wygasł lub został już użyty. Poproś administratora o nowe zaproszenie albo zresetuj hasło ponownie.',
    );
  }

  static mailUnavailable(): InvitationsException {
    return new InvitationsException(
      InvitationsExceptionCode.MailUnavailable,
      503,
      'Nie udało się wysłać wiadomości e-mail. Konto zapisano; spróbuj wysłać zaproszenie ponownie za chwilę.',
    );
  }
}
