import type { FastifyReply, FastifyRequest } from 'fastify';
import { authOperationsTable } from '../domain/auth-operation';
import { contextKey } from '../domain/identifiers';
import type { SimulatorContext } from '../simulator-context';
import { ForbiddenError, ServiceUnavailableError, TooManyRequestsError, UnauthorizedError } from './errors';
import { ipAllowed, normaliseIp } from './ip-policy';
import type { RequestAuth } from './request-auth';
import type { BearerKind, RoutePolicy } from './route-policy';
import type { ScriptedFault } from './scripted-faults';

/** Scripted faults that spoil the answer of a request the simulator handles normally. */
const answerFaults = new WeakMap<FastifyRequest, ScriptedFault>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TOKEN_TYPES: Record<Exclude<BearerKind, 'none'>, string[]> = {
  authentication: ['OperationToken'],
  access: ['ContextToken'],
  refresh: ['RefreshToken'],
  accessOrRefresh: ['ContextToken', 'RefreshToken'],
};

const KIND_OF: Record<string, RequestAuth['kind']> = {
  OperationToken: 'authentication',
  ContextToken: 'access',
  RefreshToken: 'refresh',
};

export function policyOf(request: FastifyRequest): RoutePolicy | undefined {
  return request.routeOptions.config?.ksef;
}

/**
 * onRequest hook for every KSeF route: fault injection, bearer authentication (401), AuthorizationPolicy
 * IP check (403), rate limiting (429) and permission check (403), in that order. Runs before the body is
 * parsed, so an unauthenticated or throttled request never reaches body validation.
 */
export async function guardRequest(ctx: SimulatorContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const policy = policyOf(request);
  if (!policy) return;

  if (policy.group !== 'unlimited') {
    const shape = { method: request.method, path: request.url.split('?')[0] ?? '', group: policy.group };
    const scripted = ctx.faults.scriptedFor(shape, 'before');
    if (scripted?.action === 'error') {
      throw new ServiceUnavailableError(scripted.status, 'Wystąpił błąd serwera (symulowany).');
    }
    if (scripted?.action === 'drop') {
      request.raw.socket.destroy();
      await reply.hijack();
      return;
    }
    if (scripted?.action === 'delay') await sleep(scripted.delayMs);
    const after = ctx.faults.scriptedFor(shape, 'after');
    if (after) answerFaults.set(request, after);
  }

  // Pre-signed storage URLs stand for a separate storage service: KSeF faults do not apply to them.
  const fault = policy.group === 'unlimited' ? ({ type: 'none' } as const) : ctx.faults.decide(policy.group);
  const delay = policy.group === 'unlimited' ? 0 : ctx.faults.delayMs();
  if (delay > 0) await sleep(delay);
  switch (fault.type) {
    case 'none':
      break;
    case 'outage':
      throw new ServiceUnavailableError(503, `Usługa niedostępna (${fault.kind}).`);
    case 'error':
      throw new ServiceUnavailableError(fault.status, 'Wystąpił błąd serwera (symulowany).');
    case 'drop':
      request.raw.socket.destroy();
      await reply.hijack();
      return;
    case 'throttle':
      throw new TooManyRequestsError(fault.retryAfterSeconds, 'Przekroczono limit żądań (wymuszony przez symulator).');
  }

  const clientIp = normaliseIp(request.ip);
  if (policy.auth !== 'none') {
    request.auth = authenticate(ctx, request, policy.auth);
    if (request.auth.kind === 'access' && !ipAllowed(request.auth.operation.allowedIps, clientIp)) {
      throw new ForbiddenError('ip-not-allowed', 'Adres IP klienta nie jest dozwolony dla tego tokenu.', { clientIp });
    }
  }

  if (policy.group !== 'unlimited') {
    ctx.rateLimiter.check({
      group: policy.group,
      contextKey: policy.group === 'public' ? null : (request.auth?.contextKey ?? null),
      clientIp,
      endpoint: `${request.method} ${request.routeOptions.url ?? ''}`,
    });
  }

  if (policy.anyOf && policy.anyOf.length > 0) {
    const present = request.auth?.permissions ?? [];
    if (!policy.anyOf.some((p) => present.includes(p))) {
      throw new ForbiddenError('missing-permissions', 'Brak wymaganych uprawnień do wykonania operacji.', {
        requiredAnyOfPermissions: policy.anyOf,
        presentPermissions: present,
      });
    }
  }
}

function authenticate(ctx: SimulatorContext, request: FastifyRequest, kind: Exclude<BearerKind, 'none'>): RequestAuth {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError('Brak tokenu uwierzytelniającego w nagłówku Authorization.');
  const token = match[1]!;
  const claims = ctx.tokens.verify(token);
  if (!claims) throw new UnauthorizedError('Nieprawidłowy token uwierzytelniający.');
  if (!TOKEN_TYPES[kind].includes(claims['token-type'])) {
    throw new UnauthorizedError('Nieprawidłowy rodzaj tokenu dla tej operacji.');
  }
  if (claims.exp * 1000 <= ctx.clock.now()) throw new UnauthorizedError('Token wygasł.');
  const operation = authOperationsTable(ctx.store).get(claims['operation-reference-number']);
  if (!operation) throw new UnauthorizedError('Nieznana operacja uwierzytelnienia.');
  return {
    kind: KIND_OF[claims['token-type']] ?? 'access',
    token,
    claims,
    operation,
    context: operation.context,
    contextKey: contextKey(operation.context),
    permissions: (claims.per ?? []) as RequestAuth['permissions'],
  };
}

/**
 * onSend hook: the request has been handled and its effects are committed; a scripted `after` fault now
 * replaces the answer with a 5xx, holds it back, or closes the connection without it.
 */
export async function spoilAnswer(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const fault = answerFaults.get(request);
  if (!fault) return payload;
  answerFaults.delete(request);
  switch (fault.action) {
    case 'delay':
      await sleep(fault.delayMs);
      return payload;
    case 'drop':
      request.raw.socket.destroy();
      return payload;
    case 'error':
      void reply.code(fault.status).type('application/problem+json');
      return JSON.stringify({
        title: 'Service Unavailable',
        status: fault.status,
        detail: 'Wystąpił błąd serwera (symulowany) po przetworzeniu żądania.',
      });
  }
}
