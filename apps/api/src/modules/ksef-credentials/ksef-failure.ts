import { KsefAuthError, KsefError, KsefRateLimitedError, KsefUnavailableError } from '@bufor/ksef-client';
import { KeyVaultError } from '@bufor/platform';

/**
 * The reason a use of the credential failed, in Polish, for the connection panel. Built from status codes and
 * KSeF's own descriptions only: no request data (and so no secret) can reach it.
 */
export function describeKsefFailure(error: unknown, environment: string): string {
  if (error instanceof KeyVaultError) {
    return 'Nie można odszyfrować zapisanych poświadczeń KSeF. Zapisz je ponownie.';
  }
  if (error instanceof KsefRateLimitedError) {
    return `KSeF (${environment}) ogranicza liczbę zapytań. Spróbuj ponownie za chwilę.`;
  }
  if (error instanceof KsefUnavailableError || !(error instanceof KsefError)) {
    return `Nie udało się połączyć z KSeF (${environment}). Usługa jest niedostępna albo nie odpowiada; spróbuj później.`;
  }
  const codes = error.details.map((detail) => detail.code).filter((code) => code !== error.status);
  const reason = [error.description, ...error.details.flatMap((detail) => detail.details)]
    .filter((text, i, all) => text && all.indexOf(text) === i)
    .join(' ')
    .slice(0, 600);
  const code = [error.status, ...codes].join('/');
  if (error instanceof KsefAuthError || error.status === 401 || error.status === 403 || error.status >= 400) {
    return `KSeF (${environment}) odrzucił uwierzytelnienie (kod ${code}): ${reason || 'brak opisu'}. Sprawdź token lub certyfikat i uprawnienia.`;
  }
  return `KSeF (${environment}) zwrócił błąd (kod ${code}): ${reason || 'brak opisu'}.`;
}

/** KSeF refused (as opposed to: could not be reached). */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof KsefError && !(error instanceof KsefUnavailableError) && !(error instanceof KsefRateLimitedError)
  );
}
