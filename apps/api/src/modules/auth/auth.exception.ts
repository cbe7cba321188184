import { DomainException } from '../../common/domain.exception';

export enum AuthExceptionCode {
  InvalidCredentials = 'AUTH_INVALID_CREDENTIALS',
  Throttled = 'AUTH_THROTTLED',
  AccountDisabled = 'AUTH_ACCOUNT_DISABLED',
  Unauthenticated = 'AUTH_UNAUTHENTICATED',
  SessionExpired = 'AUTH_SESSION_EXPIRED',
  InvalidApiKey = 'AUTH_INVALID_API_KEY',
  PeopleOnly = 'AUTH_PEOPLE_ONLY',
  ScopeMissing = 'AUTH_SCOPE_MISSING',
  RoleMissing = 'AUTH_ROLE_MISSING',
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

  static invalidApiKey(): AuthException {
    return new AuthException(
      AuthExceptionCode.InvalidApiKey,
      401,
      'Klucz API jest nieprawidłowy, wygasł lub został unieważniony.',
    );
  }

  static peopleOnly(): AuthException {
    return new AuthException(
      AuthExceptionCode.PeopleOnly,
      403,
      'Ta operacja jest dostępna tylko dla zalogowanych osób.',
    );
  }

  static scopeMissing(scopes: readonly string[]): AuthException {
    return new AuthException(
      AuthExceptionCode.ScopeMissing,
      403,
      `Klucz API nie ma wymaganego zakresu uprawnień: ${scopes.join(', ')}.`,
    );
  }

  static roleMissing(): AuthException {
    return new AuthException(AuthExceptionCode.RoleMissing, 403, 'Ta operacja wymaga roli administratora firmy.');
  }

  static sessionExpired(): AuthException {
    return new AuthException(AuthExceptionCode.SessionExpired, 401, 'Sesja wygasła. Zaloguj się ponownie.');
  }
}
