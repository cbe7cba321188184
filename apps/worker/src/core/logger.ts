import { secretKeys, workerEnvSchema, type WorkerConfig } from '@bufor/config';
import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/** Injection token of the root pino logger. */
export const LOGGER = Symbol('LOGGER');

export type { Logger };

/**
 * Paths pino masks wherever they appear in a log object: every secret config key (top level or nested one level, e.g.
 * `{ config: { DATABASE_URL } }`) and the usual credential field names.
 */
export function redactedPaths(): string[] {
  const fields = [...secretKeys(workerEnvSchema), 'password', 'token', 'secret', 'authorization'];
  return fields.flatMap((field) => [field, `*.${field}`]);
}

export function createLogger(config: Pick<WorkerConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'worker', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths(), censor: '***' },
    // pretty is for people running the local stack; production keeps one JSON object per line.
    ...(config.LOG_FORMAT === 'pretty' ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  });
}

type NestLevel = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Routes Nest's own framework logs into the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: NestLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context (class name) last and, for errors, a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else this.logger[level]({ context, stack }, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
