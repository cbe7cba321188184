import { DomainException } from '../../common/domain.exception';

export enum AuthExceptionCode {
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  Throttled = 'AUTH_THROTTLED',
  AccountDisabled = 'AUTH_ACCOUNT_DISABLED',
  Unauthenticated = 'AUTH_UNAUTHENTICATED',
  SessionExpired = 'AUTH_SESSION_EXPIRED',
}

export class AuthException extends DomainException {
  static invalidCredentials(): AuthException {
    return new AuthException(AuthExceptionCode.InvalidCredentials, 401, 'Nieprawidłowy e-mail lub hasło.');
  }

  static throttled(retryAfterSeconds: number): AuthException {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return new AuthException(
      AuthExceptionCode.Throttled,
      429,
      `Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za ${minutes} min.`,
      [],
      { 'Retry-After': String(Math.ceil(retryAfterSeconds)) },
    );
  }

  static accountDisabled(): AuthException {
    return new AuthException(
      AuthExceptionCode.AccountDisabled,
      403,
      'Konto zostało wyłączone. Skontaktuj się z administratorem firmy.',
    );
  }

  static unauthenticated(): AuthException {
    return new AuthException(AuthExceptionCode.Unauthenticated, 401, 'Zaloguj się, aby kontynuować.');
  }

  static sessionExpired(): AuthException {
    return new AuthException(AuthExceptionCode.SessionExpired, 401, 'Sesja wygasła. Zaloguj się ponownie.');
  }
}
