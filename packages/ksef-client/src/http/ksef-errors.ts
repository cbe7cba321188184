/** Correlation data KSeF returns with an error; quote it when contacting KSeF support. */
export interface KsefCorrelation {
  traceId?: string;
  referenceNumber?: string;
  serviceCode?: string;
  serviceCtx?: string;
  instance?: string;
  timestamp?: string;
}

/** One entry of an error body (legacy `exceptionDetailList` item or problem+json `errors[]`). */
export interface KsefErrorDetail {
  code: number;
  description: string;
  details: string[];
}

export interface KsefErrorInit {
  status: number;
  message: string;
  /** Description from KSeF when the body has no per-code details (e.g. problem+json `detail`). */
  description?: string;
  details?: KsefErrorDetail[];
  correlation?: KsefCorrelation;
  method?: string;
  path?: string;
  /** problem+json `reasonCode` (403) or similar machine-readable reason. */
  reasonCode?: string;
  body?: unknown;
  cause?: unknown;
}

/** Base class of every failure reported by the KSeF client. */
export class KsefError extends Error {
  override readonly name: string = 'KsefError';
  /** HTTP status, or the async status code (e.g. 440 duplicate) for processing failures. */
  readonly status: number;
  readonly details: KsefErrorDetail[];
  readonly correlation: KsefCorrelation;
  readonly method?: string;
  readonly path?: string;
  readonly reasonCode?: string;
  readonly body?: unknown;
  private readonly plainDescription?: string;

  constructor(init: KsefErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.details = init.details ?? [];
    this.correlation = init.correlation ?? {};
    this.method = init.method;
    this.path = init.path;
    this.reasonCode = init.reasonCode;
    this.body = init.body;
    this.plainDescription = init.description;
  }

  /** KSeF exception codes (e.g. 21405), in the order returned. */
  get codes(): number[] {
    return this.details.map((d) => d.code);
  }

  /** Human-readable description (first error's description or the message). */
  get description(): string {
    return this.details[0]?.description ?? this.plainDescription ?? this.message;
  }

  hasCode(code: number): boolean {
    return this.codes.includes(code);
  }
}

/** 4xx caused by the request (bad input, unknown resource, state conflict). Not retryable as is. */
export class KsefValidationError extends KsefError {
  override readonly name: string = 'KsefValidationError';
}

/** 410: the status resource is past its retention period. */
export class KsefGoneError extends KsefError {
  override readonly name: string = 'KsefGoneError';
}

/** 401/403 or a failed authentication status: a credential or permission problem, not retryable. */
export class KsefAuthError extends KsefError {
  override readonly name: string = 'KsefAuthError';
}

/** 429: KSeF throttled us. With a correct limiter this never happens; each one is counted as a defect. */
export class KsefRateLimitedError extends KsefError {
  override readonly name: string = 'KsefRateLimitedError';
  constructor(
    init: KsefErrorInit,
    readonly retryAfterMs: number,
  ) {
    super(init);
  }
}

/**
 * 5xx, timeout or connection failure. `mayHaveBeenProcessed` is true when the request may have reached
 * KSeF (so a non-idempotent call must be reconciled, never blindly repeated).
 */
export class KsefUnavailableError extends KsefError {
  override readonly name: string = 'KsefUnavailableError';
  constructor(
    init: KsefErrorInit,
    readonly mayHaveBeenProcessed: boolean,
  ) {
    super(init);
  }
}

/** Invoice status 440: the invoice (seller NIP, type, number) already has a KSeF number. */
export class KsefDuplicateInvoiceError extends KsefError {
  override readonly name: string = 'KsefDuplicateInvoiceError';
  constructor(
    init: KsefErrorInit,
    readonly originalKsefNumber: string | undefined,
    readonly originalSessionReferenceNumber: string | undefined,
  ) {
    super(init);
  }
}

/** Invoice processing ended with a rejection status (4xx/5xx other than 440). */
export class KsefInvoiceRejectedError extends KsefError {
  override readonly name: string = 'KsefInvoiceRejectedError';
}

/** A send whose outcome is unknown (response lost): look it up instead of sending again. */
export class KsefOutcomeUnknownError extends KsefError {
  override readonly name: string = 'KsefOutcomeUnknownError';
  constructor(
    init: KsefErrorInit,
    /** SHA-256 (Base64) of the plain invoice; pass to `findInvoiceByHash` on the session. */
    readonly invoiceHash: string,
    readonly sessionReferenceNumber: string,
  ) {
    super(init);
  }
}

/** Downloaded content does not match the `x-ms-meta-hash` KSeF sent with it. */
export class KsefIntegrityError extends KsefError {
  override readonly name: string = 'KsefIntegrityError';
}
