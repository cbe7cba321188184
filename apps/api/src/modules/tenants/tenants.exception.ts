import { DomainException } from '../../common/domain.exception';

export enum TenantsExceptionCode {
  NotFound = 'TENANT_NOT_FOUND',
  PlanForbidsPrd = 'TENANT_PLAN_FORBIDS_PRD',
  NipTaken = 'TENANT_NIP_TAKEN',
  SlugTaken = 'TENANT_SLUG_TAKEN',
}

export class TenantsException extends DomainException {
  static notFound(): TenantsException {
    return new TenantsException(TenantsExceptionCode.NotFound, 404, 'Nie znaleziono firmy.');
  }

  static planForbidsPrd(): TenantsException {
    return new TenantsException(
      TenantsExceptionCode.PlanForbidsPrd,
      422,
      'W planie demonstracyjnym nie można wybrać produkcyjnego środowiska KSeF (PRD).',
      [{ path: 'ksefEnvironment', message: 'Wybierz SIM, TEST lub DEMO albo przejdź na pełny plan.' }],
    );
  }

  static nipTaken(): TenantsException {
    return new TenantsException(TenantsExceptionCode.NipTaken, 409, 'Firma z tym numerem NIP już istnieje.', [
      { path: 'nip', message: 'Ten NIP jest już zarejestrowany.' },
    ]);
  }

  static slugTaken(): TenantsException {
    return new TenantsException(TenantsExceptionCode.SlugTaken, 409, 'Ten adres firmy jest już zajęty.', [
      { path: 'slug', message: 'Wybierz inny adres.' },
    ]);
  }
}
