import { DomainException } from '../../common/domain.exception';

export enum ApiKeysExceptionCode {
  NotFound = 'API_KEY_NOT_FOUND',
  AlreadyRevoked = 'API_KEY_ALREADY_REVOKED',
  ExpiryInPast = 'API_KEY_EXPIRY_IN_PAST',
}

export class ApiKeysException extends DomainException {
  static notFound(): ApiKeysException {
    return new ApiKeysException(ApiKeysExceptionCode.NotFound, 404, 'Nie znaleziono klucza API.');
  }

  static alreadyRevoked(): ApiKeysException {
    return new ApiKeysException(ApiKeysExceptionCode.AlreadyRevoked, 409, 'Ten klucz API został już unieważniony.');
  }

  static expiryInPast(): ApiKeysException {
    return new ApiKeysException(
      ApiKeysExceptionCode.ExpiryInPast,
      400,
      'Data wygaśnięcia klucza musi być w przyszłości.',
      [{ path: 'expiresAt', message: 'Data wygaśnięcia klucza musi być w przyszłości.' }],
    );
  }
}
