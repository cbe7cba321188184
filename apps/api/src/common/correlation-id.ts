import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const VALID_ID = /^[A-Za-z0-9._-]{8,100}$/;

/** Reuses a caller's X-Request-Id when it is sane (so a POS can correlate), otherwise makes one. */
export function correlationIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate && VALID_ID.test(candidate) ? candidate : randomUUID();
}

/**
 * The request's correlation id. Errors raised before the logging middleware ran (e.g. malformed JSON in the body
 * parser) get one here, so every problem response carries an id.
 */
export function correlationIdOf(request: IncomingMessage & { id?: unknown }): string {
  if (typeof request.id !== 'string') request.id = correlationIdFor(request);
  return request.id;
}
