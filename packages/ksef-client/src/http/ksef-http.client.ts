import { type KsefEnvironment } from '../environment/ksef-environment';
import { endpointBucket } from '../rate-limit/rate-limit-groups';
import { RateLimitPolicy } from '../rate-limit/rate-limit-policy';
import { InMemoryRateLimiter } from '../rate-limit/in-memory-rate-limiter';
import { acquirePermit, type RateLimiter } from '../rate-limit/rate-limiter';
import { type Clock, systemClock } from '../util/clock';
import { jitteredBackoff, parseRetryAfter } from './backoff';
import { parseErrorBody } from './error-body.parser';
import {
  KsefAuthError,
  KsefError,
  type KsefErrorInit,
  KsefGoneError,
  KsefRateLimitedError,
  KsefUnavailableError,
  KsefValidationError,
} from './ksef-errors';

export type QueryValue = string | number | boolean | readonly string[] | undefined | null;

export interface KsefRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path template, e.g. `/sessions/{referenceNumber}`; also selects the rate-limit bucket. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  json?: unknown;
  body?: Uint8Array | string;
  contentType?: string;
  headers?: Record<string, string>;
  bearer?: string;
  /** KSeF context the limiter counts against (ignored for public endpoints, which count per IP). */
  context?: string;
  responseType?: 'json' | 'text' | 'buffer' | 'none';
  /** Whether repeating the request after a lost response is harmless. Defaults to true for GET/DELETE. */
  safeToRetry?: boolean;
  signal?: AbortSignal;
}

export interface KsefResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

/** Something went wrong with a 429 although the limiter granted a permit. */
export interface RateLimitDefect {
  method: string;
  path: string;
  context: string;
  bucket: string;
  retryAfterMs: number;
}

export interface KsefHttpOptions {
  environment: KsefEnvironment;
  limiter?: RateLimiter;
  policy?: RateLimitPolicy;
  clock?: Clock;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Retries of safe requests after 5xx/timeouts/connection errors (default 3). */
  maxRetries?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  /** How many 429s to absorb per request (waiting Retry-After) before throwing (default 3). */
  max429Retries?: number;
  onRateLimitDefect?: (defect: RateLimitDefect) => void;
  /** Ask for RFC 9457 errors (`X-Error-Format: problem-details`); both formats are parsed anyway. */
  problemDetails?: boolean;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface KsefHttpStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

/** Rate-limited, retrying HTTP core of the client. Public for advanced use; prefer the typed APIs. */
export class KsefHttpClient {
  readonly environment: KsefEnvironment;
  readonly limiter: RateLimiter;
  readonly policy: RateLimitPolicy;
  readonly clock: Clock;
  readonly stats: KsefHttpStats = { requests: 0, retries: 0, rateLimited: 0 };
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: KsefHttpOptions) {
    this.environment = options.environment;
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? new InMemoryRateLimiter({ clock: this.clock });
    this.policy = options.policy ?? new RateLimitPolicy();
    this.fetchImpl = options.fetch ?? fetch;
  }

  url(path: string, params: Record<string, string> = {}, query: Record<string, QueryValue> = {}): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = params[name];
      if (v === undefined) throw new Error(`Brak parametru ścieżki ${name} dla ${path}`);
      return encodeURIComponent(v);
    });
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v)) for (const item of v as readonly string[]) search.append(k, item);
      else search.append(k, String(v));
    }
    const qs = search.toString();
    return `${this.environment.apiBaseUrl}${filled}${qs ? `?${qs}` : ''}`;
  }

  async request<T>(req: KsefRequest): Promise<KsefResponse<T>> {
    const bucket = endpointBucket(req.method, req.path);
    const context = bucket.kind === 'public' ? 'ip' : (req.context ?? 'anonymous');
    const limits = this.policy.limitsFor(context, bucket);
    const safe = req.safeToRetry ?? (req.method === 'GET' || req.method === 'DELETE');
    const maxRetries = this.options.maxRetries ?? 3;
    const max429 = this.options.max429Retries ?? 3;
    let attempt = 0;
    let throttled = 0;
    for (;;) {
      const key = { context, bucket: bucket.bucket };
      const permit = await acquirePermit(this.limiter, key, limits, this.clock, req.signal);
      this.stats.requests++;
      let response: Response;
      try {
        response = await this.send(req);
        // Headers arrived, so KSeF has counted the request by now: date the permit here.
        await this.limiter.complete(key, permit);
      } catch (err) {
        await this.limiter.complete(key, permit);
        const failure = this.networkFailure(err, req);
        if ((safe || !failure.mayHaveBeenProcessed) && attempt < maxRetries && !req.signal?.aborted) {
          await this.backoff(attempt++);
          continue;
        }
        throw failure;
      }
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.clock.now()) ?? 1_000;
        this.stats.rateLimited++;
        this.options.onRateLimitDefect?.({
          method: req.method,
          path: req.path,
          context,
          bucket: bucket.bucket,
          retryAfterMs,
        });
        const error = await this.toError(response, req);
        // 429 means the request was not processed, so waiting and repeating is always safe.
        if (throttled++ < max429) {
          this.stats.retries++;
          await this.clock.sleep(retryAfterMs);
          continue;
        }
        throw error;
      }
      if (response.status >= 500) {
        const error = await this.toError(response, req);
        if (safe && attempt < maxRetries) {
          await this.backoff(attempt++);
          continue;
        }
        throw error;
      }
      if (response.status >= 400) throw await this.toError(response, req);
      return { status: response.status, headers: response.headers, data: await readBody<T>(response, req) };
    }
  }

  /** Plain request to a pre-signed storage URL (no bearer, not rate-limited). */
  async raw(url: string, init: { method: 'GET' | 'PUT'; body?: Uint8Array; headers?: Record<string, string> }) {
    const maxRetries = this.options.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.fetchImpl(url, {
          method: init.method,
          headers: init.headers,
          // Typed through RequestInit so it compiles with both Node's and the DOM's fetch typings.
          body: init.body as RequestInit['body'],
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        });
        // Re-uploading the same part or re-reading a file is idempotent.
        if (res.status >= 500 && attempt < maxRetries) {
          await res.arrayBuffer().catch(() => undefined);
          await this.backoff(attempt);
          continue;
        }
        if (res.status >= 400) {
          throw await this.toError(res, { method: init.method, path: new URL(url).pathname });
        }
        return res;
      } catch (err) {
        if (err instanceof KsefError) throw err;
        if (attempt >= maxRetries) throw this.networkFailure(err, { method: init.method, path: new URL(url).pathname });
        await this.backoff(attempt);
      }
    }
  }

  private async send(req: KsefRequest): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (this.options.problemDetails !== false) headers['X-Error-Format'] = 'problem-details';
    if (req.bearer) headers.Authorization = `Bearer ${req.bearer}`;
    let body: string | Uint8Array | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['Content-Type'] = 'application/json';
    } else if (req.body !== undefined) {
      body = req.body;
      headers['Content-Type'] = req.contentType ?? 'application/octet-stream';
    }
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 60_000);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    return this.fetchImpl(this.url(req.path, req.params, req.query), {
      method: req.method,
      headers,
      body: body as RequestInit['body'],
      signal,
    });
  }

  private async backoff(attempt: number): Promise<void> {
    this.stats.retries++;
    const ms = jitteredBackoff(
      attempt,
      this.options.retryBaseMs ?? 500,
      this.options.retryCapMs ?? 15_000,
      this.options.random,
    );
    await this.clock.sleep(ms);
  }

  private networkFailure(err: unknown, req: Pick<KsefRequest, 'method' | 'path'>): KsefUnavailableError {
    const cause = err instanceof Error ? ((err as Error & { cause?: unknown }).cause ?? err) : err;
    const code = (cause as { code?: string } | undefined)?.code;
    const notSent = code !== undefined && CONNECT_ERRORS.has(code);
    const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return new KsefUnavailableError(
      {
        status: 0,
        message: timeout
          ? `Przekroczono czas oczekiwania na odpowiedź KSeF (${req.method} ${req.path})`
          : `Brak połączenia z KSeF (${req.method} ${req.path}): ${code ?? (err instanceof Error ? err.message : String(err))}`,
        method: req.method,
        path: req.path,
        cause: err,
      },
      !notSent,
    );
  }

  private async toError(res: Response, req: Pick<KsefRequest, 'method' | 'path'>): Promise<KsefError> {
    const text = await res.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Non-JSON error body (e.g. a proxy page) is kept as text.
    }
    const parsed = parseErrorBody(body);
    const init: KsefErrorInit = {
      status: res.status,
      message: `KSeF ${res.status} ${req.method} ${req.path}: ${parsed.message ?? (res.statusText || 'błąd')}`,
      description: parsed.message,
      details: parsed.details,
      correlation: parsed.correlation,
      reasonCode: parsed.reasonCode,
      method: req.method,
      path: req.path,
      body,
    };
    if (res.status === 429) {
      return new KsefRateLimitedError(init, parseRetryAfter(res.headers.get('retry-after'), this.clock.now()) ?? 1_000);
    }
    if (res.status >= 500) return new KsefUnavailableError(init, true);
    if (res.status === 401 || res.status === 403) return new KsefAuthError(init);
    if (res.status === 410) return new KsefGoneError(init);
    return new KsefValidationError(init);
  }
}

async function readBody<T>(res: Response, req: KsefRequest): Promise<T> {
  switch (req.responseType ?? 'json') {
    case 'none':
      await res.arrayBuffer().catch(() => undefined);
      return undefined as T;
    case 'text':
      return (await res.text()) as T;
    case 'buffer':
      return Buffer.from(await res.arrayBuffer()) as T;
    case 'json': {
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
  }
}
