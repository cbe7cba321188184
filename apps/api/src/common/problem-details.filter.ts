import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import type { ZodError } from 'zod';
import { DomainException } from './domain.exception';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details';
import { correlationIdOf } from './correlation-id';
import { zodFieldErrors } from './zod-errors';

/** Polish details for framework errors that happen before our code runs. */
const HTTP_DETAILS: Record<number, [code: string, detail: string]> = {
  400: ['BAD_REQUEST', 'Żądanie jest nieprawidłowe (np. uszkodzony JSON).'],
  401: ['UNAUTHENTICATED', 'Zaloguj się, aby kontynuować.'],
  403: ['FORBIDDEN', 'Nie masz uprawnień do tej operacji.'],
  404: ['NOT_FOUND', 'Nie znaleziono zasobu.'],
  405: ['METHOD_NOT_ALLOWED', 'Ta metoda nie jest obsługiwana dla tego adresu.'],
  413: ['PAYLOAD_TOO_LARGE', 'Przesłane dane są zbyt duże.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Nieobsługiwany format danych.'],
  429: ['RATE_LIMITED', 'Zbyt wiele żądań. Spróbuj ponownie za chwilę.'],
};

/** The one place every error becomes RFC 9457 problem details with a correlation id; 500s never leak internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const correlationId = correlationIdOf(request);
    const body = this.toProblem(exception, correlationId, request.originalUrl);
    response.setHeader('X-Request-Id', correlationId);
    if (exception instanceof DomainException) {
      for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    }
    if (body.status >= 500) {
      this.logger.error({ err: exception, correlationId, path: request.originalUrl }, 'unhandled error');
    }
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown, correlationId: string, instance: string): ProblemDetails {
    if (exception instanceof DomainException) {
      return problem(exception.status, exception.code, exception.detail, correlationId, exception.errors, instance);
    }
    if (exception instanceof ZodValidationException) {
      const errors = zodFieldErrors(exception.getZodError() as ZodError);
      return problem(400, 'VALIDATION_FAILED', 'Żądanie zawiera nieprawidłowe dane.', correlationId, errors, instance);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, detail] = HTTP_DETAILS[status] ?? ['HTTP_ERROR', 'Nie można obsłużyć żądania.'];
      return problem(status, code, detail, correlationId, [], instance);
    }
    return problem(
      500,
      'INTERNAL_ERROR',
      `Wystąpił nieoczekiwany błąd. Jeśli się powtarza, podaj administratorowi identyfikator ${correlationId}.`,
      correlationId,
      [],
      instance,
    );
  }
}
