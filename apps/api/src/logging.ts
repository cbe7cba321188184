import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { ApiConfig } from './config/api-config';
import { correlationIdFor } from './common/correlation-id';
import type { AuthenticatedRequest } from './modules/auth/principal';

/** Paths pino must never print: credentials of people, integrations and KSeF. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.ksefToken',
  '*.privateKey',
  '*.secret',
];

export function loggerParams(config: ApiConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (request, response) => {
        const id = correlationIdFor(request);
        response.setHeader('X-Request-Id', id);
        return id;
      },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      customProps: (request: IncomingMessage & AuthenticatedRequest & { tenantId?: string }) => ({
        userId: request.principal?.kind === 'user' ? request.principal.userId : undefined,
        apiKeyId: request.principal?.kind === 'apiKey' ? request.principal.apiKeyId : undefined,
        tenantId: request.tenantId,
      }),
      // Health probes and scrapes every few seconds would drown the useful lines.
      autoLogging: { ignore: (request) => ['/health', '/ready', '/metrics'].includes(request.url ?? '') },
      ...(config.LOG_FORMAT === 'pretty'
        ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
        : {}),
    },
  };
}
