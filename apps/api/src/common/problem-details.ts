import type { FieldError } from './domain.exception';

/** RFC 9457 problem details as Bufor returns them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldError[];
  correlationId: string;
  instance?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Polish titles by status: short, generic; the detail says what happened. */
const TITLES: Record<number, string> = {
  400: 'Nieprawidłowe żądanie',
  401: 'Wymagane uwierzytelnienie',
  403: 'Brak uprawnień',
  404: 'Nie znaleziono',
  405: 'Niedozwolona metoda',
  409: 'Konflikt',
  413: 'Zbyt duże żądanie',
  415: 'Nieobsługiwany format danych',
  422: 'Nie można przetworzyć danych',
  429: 'Zbyt wiele żądań',
  500: 'Błąd serwera',
  503: 'Usługa niedostępna',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Błąd serwera' : 'Błąd żądania');
}

/** `AUTH_INVALID_CREDENTIALS` -> `/problems/auth-invalid-credentials` (a relative URI reference, as RFC 9457 allows). */
export function typeFor(code: string): string {
  return `/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function problem(
  status: number,
  code: string,
  detail: string,
  correlationId: string,
  errors: FieldError[] = [],
  instance?: string,
): ProblemDetails {
  return {
    type: typeFor(code),
    title: titleFor(status),
    status,
    detail,
    code,
    errors,
    correlationId,
    ...(instance ? { instance } : {}),
  };
}
