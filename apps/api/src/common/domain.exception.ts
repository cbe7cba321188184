/** A field that made a request invalid, by its path in the request (e.g. `lines[0].vatRate`). */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/**
 * Base of every domain error: transport-agnostic (code, HTTP-like status, Polish detail for users).
 * The global filter turns it into RFC 9457 problem details; services never build HTTP responses.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    /** Polish, shown to users. */
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}
