import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from './clock';
import { isoDateTime } from './dates';
import {
  ForbiddenError,
  GoneError,
  KsefError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  validationError,
} from './errors';

function traceId(): string {
  return randomBytes(16).toString('hex');
}

function wantsProblemDetails(request: FastifyRequest): boolean {
  return String(request.headers['x-error-format'] ?? '').toLowerCase() === 'problem-details';
}

function instancePath(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

function sendProblem(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply.code(status).type('application/problem+json').send(body);
}

/** Maps fastify's ajv errors to one KSeF 21405 with a field path per problem. */
function fromFastifyValidation(error: FastifyError): KsefError {
  const details = (error.validation ?? []).map((issue) => {
    const path = issue.instancePath ? issue.instancePath.slice(1).replaceAll('/', '.') : '(body)';
    return `${path}: ${issue.message ?? 'niepoprawna wartość'}`;
  });
  return validationError(...(details.length > 0 ? details : [error.message]));
}

export function renderError(error: unknown, request: FastifyRequest, reply: FastifyReply, clock: Clock): FastifyReply {
  const timestamp = isoDateTime(clock.now());
  const base = { instance: instancePath(request), timestamp, traceId: traceId() };

  if (error instanceof UnauthorizedError) {
    return sendProblem(reply, 401, { title: 'Unauthorized', status: 401, detail: error.detail, ...base });
  }
  if (error instanceof ForbiddenError) {
    return sendProblem(reply, 403, {
      title: 'Forbidden',
      status: 403,
      detail: error.detail,
      reasonCode: error.reasonCode,
      ...(error.security ? { security: error.security } : {}),
      ...base,
    });
  }
  if (error instanceof GoneError) {
    return sendProblem(reply, 410, { title: 'Gone', status: 410, detail: error.detail, ...base });
  }
  if (error instanceof TooManyRequestsError) {
    void reply.header('Retry-After', String(error.retryAfterSeconds));
    if (wantsProblemDetails(request)) {
      return sendProblem(reply, 429, { title: 'Too Many Requests', status: 429, detail: error.detail, ...base });
    }
    return reply
      .code(429)
      .type('application/json')
      .send({ status: { code: 429, description: 'Too Many Requests', details: [error.detail] } });
  }
  if (error instanceof ServiceUnavailableError) {
    const title = error.status === 503 ? 'Service Unavailable' : 'Internal Server Error';
    return sendProblem(reply, error.status, { title, status: error.status, detail: error.detail, ...base });
  }

  let ksef: KsefError | null = null;
  if (error instanceof KsefError) ksef = error;
  else if (isFastifyError(error) && error.validation) ksef = fromFastifyValidation(error);
  else if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode < 500) {
    ksef = validationError(error.message);
  }

  if (ksef) {
    if (wantsProblemDetails(request)) {
      return sendProblem(reply, 400, {
        title: 'Bad Request',
        status: 400,
        detail: ksef.description,
        errors: [{ code: ksef.code, description: ksef.description, details: ksef.details }],
        ...base,
      });
    }
    return reply
      .code(400)
      .type('application/json')
      .send({
        exception: {
          exceptionDetailList: [
            { exceptionCode: ksef.code, exceptionDescription: ksef.description, details: ksef.details },
          ],
          referenceNumber: null,
          serviceCode: base.traceId,
          serviceCtx: 'srvTEMFA',
          serviceName: 'ksef-simulator',
          timestamp,
        },
      });
  }

  request.log.error({ err: error, traceId: base.traceId }, 'unhandled error');
  return sendProblem(reply, 500, {
    title: 'Internal Server Error',
    status: 500,
    detail: 'Wystąpił nieoczekiwany błąd.',
    ...base,
  });
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && 'code' in error && typeof (error as FastifyError).code === 'string';
}
