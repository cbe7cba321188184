import { DomainException } from '../../common/domain.exception';

export enum TenantsExceptionCode {
  NotFound = 'TENANT_NOT_FOUND',
}

export class TenantsException extends DomainException {
  static notFound(): TenantsException {
    return new TenantsException(TenantsExceptionCode.NotFound, 404, 'Nie znaleziono firmy.');
  }
}
