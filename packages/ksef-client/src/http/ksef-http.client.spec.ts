import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorEnvironment } from '../environment/ksef-environment';
import { InMemoryRateLimiter } from '../rate-limit/in-memory-rate-limiter';
import { FakeClock } from '../util/clock';
import { KsefHttpClient, type RateLimitDefect } from './ksef-http.client';
import { KsefAuthError, KsefRateLimitedError, KsefUnavailableError, KsefValidationError } from './ksef-errors';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server | undefined;

async function serve(handler: Handler): Promise<{ base: string; hits: () => number }> {
  let n = 0;
  server = createServer((req, res) => handler(req, res, n++));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`, hits: () => n };
}

function client(base: string, extra: Partial<ConstructorParameters<typeof KsefHttpClient>[0]> = {}) {
  const clock = new FakeClock();
  return new KsefHttpClient({
    environment: simulatorEnvironment(base),
    clock,
    limiter: new InMemoryRateLimiter({ clock }),
    random: () => 0.5,
    ...extra,
  });
}

afterEach(async () => {
  if (server) await new Promise((r) => server!.close(r));
  server = undefined;
});

describe('KsefHttpClient', () => {
  it('parses a legacy exception body into a validation error with codes and correlation', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          exception: {
            exceptionDetailList: [
              { exceptionCode: 21405, exceptionDescription: 'Błąd walidacji', details: ['pole x'] },
            ],
            referenceNumber: 'ref-1',
            serviceCode: 'svc-1',
            timestamp: '2025-10-11T12:23:56.0154302',
          },
        }),
      );
    });
    const err = await client(base)
      .request({ method: 'POST', path: '/sessions/online', json: {}, context: 'c' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefValidationError);
    const e = err as KsefValidationError;
    expect(e.status).toBe(400);
    expect(e.codes).toEqual([21405]);
    expect(e.details[0]!.details).toEqual(['pole x']);
    expect(e.correlation).toMatchObject({ referenceNumber: 'ref-1', serviceCode: 'svc-1' });
  });

  it('parses problem+json 403 into an auth error with the reason code and trace id', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/problem+json' });
      res.end(
        JSON.stringify({
          title: 'Forbidden',
          status: 403,
          detail: 'Brak uprawnień',
          reasonCode: 'missing-permissions',
          traceId: 't-9',
        }),
      );
    });
    const err = (await client(base)
      .request({ method: 'GET', path: '/tokens', context: 'c' })
      .catch((e: unknown) => e)) as KsefAuthError;
    expect(err).toBeInstanceOf(KsefAuthError);
    expect(err.reasonCode).toBe('missing-permissions');
    expect(err.correlation.traceId).toBe('t-9');
    expect(err.description).toBe('Brak uprawnień');
  });

  it('honours Retry-After on 429, reports the defect and then succeeds', async () => {
    const { base } = await serve((_req, res, n) => {
      if (n === 0) {
        res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ status: { code: 429, description: 'Too Many Requests', details: ['Przekroczono limit'] } }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"unknownField":1}');
    });
    const defects: RateLimitDefect[] = [];
    const c = client(base, { onRateLimitDefect: (d) => defects.push(d) });
    const started = c.clock.now();
    const res = await c.request<{ ok: boolean }>({ method: 'GET', path: '/tokens', context: 'Nip:1' });
    expect(res.data.ok).toBe(true);
    expect(c.clock.now() - started).toBeGreaterThanOrEqual(7_000);
    expect(c.stats.rateLimited).toBe(1);
    expect(defects).toEqual([
      { method: 'GET', path: '/tokens', context: 'Nip:1', bucket: 'other:GET /tokens', retryAfterMs: 7_000 },
    ]);
  });

  it('throws a typed rate-limit error when 429 persists', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Too Many Requests', status: 429, detail: 'limit' }));
    });
    const err = await client(base, { max429Retries: 1 })
      .request({ method: 'GET', path: '/tokens', context: 'c' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefRateLimitedError);
    expect((err as KsefRateLimitedError).retryAfterMs).toBe(1_000);
  });

  it('retries a safe GET after 503 but never repeats a non-idempotent POST', async () => {
    const { base, hits } = await serve((_req, res, n) => {
      res.writeHead(n < 2 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(n < 2 ? '' : '{"v":1}');
    });
    const c = client(base);
    expect((await c.request<{ v: number }>({ method: 'GET', path: '/sessions', context: 'c' })).data.v).toBe(1);
    expect(hits()).toBe(3);

    const { base: base2, hits: hits2 } = await (async () => {
      await new Promise((r) => server!.close(r));
      return serve((_req, res) => {
        res.writeHead(502);
        res.end();
      });
    })();
    const err = await client(base2)
      .request({
        method: 'POST',
        path: '/sessions/online/{referenceNumber}/invoices',
        params: { referenceNumber: 'r' },
        json: {},
        context: 'c',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefUnavailableError);
    expect((err as KsefUnavailableError).mayHaveBeenProcessed).toBe(true);
    expect(hits2()).toBe(1);
  });

  it('treats a refused connection as not processed', async () => {
    const { base } = await serve((_req, res) => res.end());
    await new Promise((r) => server!.close(r));
    server = undefined;
    const err = await client(base, { maxRetries: 1 })
      .request({ method: 'POST', path: '/sessions/online', json: {}, context: 'c' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KsefUnavailableError);
    expect((err as KsefUnavailableError).mayHaveBeenProcessed).toBe(false);
  });

  it('sends repeated array query parameters and the problem-details header', async () => {
    let seen: { url?: string; format?: string } = {};
    const { base } = await serve((req, res) => {
      seen = { url: req.url, format: req.headers['x-error-format'] as string };
      res.end('{}');
    });
    await client(base).request({
      method: 'GET',
      path: '/sessions',
      query: { statuses: ['InProgress', 'Failed'], pageSize: 10 },
      context: 'c',
    });
    expect(seen.url).toBe('/v2/sessions?statuses=InProgress&statuses=Failed&pageSize=10');
    expect(seen.format).toBe('problem-details');
  });
});
