/**
 * Transport-agnostic errors thrown by route handlers and services; `error-handler.ts` renders them in the
 * legacy `exception` format or as RFC 9457 problem details, exactly as KSeF does.
 */

/** HTTP 400 with a KSeF exception code (21405, 21173, ...). Descriptions are Polish, as in KSeF. */
export class KsefError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly details: string[] = [],
  ) {
    super(`${code}: ${description}`);
    this.name = 'KsefError';
  }
}

/** 401: missing, invalid, expired or wrong-type bearer token. Always problem+json. */
export class UnauthorizedError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'UnauthorizedError';
  }
}

export type ForbiddenReason =
  | 'missing-permissions'
  | 'ip-not-allowed'
  | 'insufficient-resource-access'
  | 'auth-method-not-allowed'
  | 'security-service-blocked'
  | 'context-type-not-allowed';

/** 403 with a documented `reasonCode`. Always problem+json. */
export class ForbiddenError extends Error {
  constructor(
    readonly reasonCode: ForbiddenReason,
    readonly detail: string,
    readonly security: Record<string, unknown> | null = null,
  ) {
    super(detail);
    this.name = 'ForbiddenError';
  }
}

/** 410: an async operation status past its retention. Always problem+json. */
export class GoneError extends Error {
  constructor(readonly detail = 'Operacja wygasła i nie jest już dostępna.') {
    super(detail);
    this.name = 'GoneError';
  }
}

/** 429 with an integer Retry-After in seconds. */
export class TooManyRequestsError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'TooManyRequestsError';
  }
}

/** 5xx produced on purpose by fault injection (outage windows, random failures). */
export class ServiceUnavailableError extends Error {
  constructor(
    readonly status: 500 | 502 | 503,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ServiceUnavailableError';
  }
}

/** Shorthand for the generic input validation error (21405). */
export function validationError(...details: string[]): KsefError {
  return new KsefError(21405, 'Błąd walidacji danych wejściowych.', details);
}
