import { DomainException } from '../../common/domain.exception';

export enum TenancyExceptionCode {
  TenantRequired = 'TENANT_REQUIRED',
  TenantNotFound = 'TENANT_NOT_FOUND',
  TenantMismatch = 'TENANT_MISMATCH',
}

export class TenancyException extends DomainException {
  static required(): TenancyException {
    return new TenancyException(
      TenancyExceptionCode.TenantRequired,
      400,
      'Wybierz firmę: należysz do kilku firm, a żądanie nie wskazuje żadnej (nagłówek X-Tenant-Id lub adres firmy).',
    );
  }

  /** Unknown tenant and "not a member" look the same, so tenant ids and addresses are not confirmed to outsiders. */
  static notFound(): TenancyException {
    return new TenancyException(TenancyExceptionCode.TenantNotFound, 404, 'Nie znaleziono firmy.');
  }

  static mismatch(): TenancyException {
    return new TenancyException(
      TenancyExceptionCode.TenantMismatch,
      400,
      'Nagłówek X-Tenant-Id wskazuje inną firmę niż adres, pod którym wysłano żądanie.',
    );
  }
}
