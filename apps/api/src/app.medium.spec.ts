import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, serializeOpenApi } from './openapi/openapi-document';
import { startTestApi, type TestApi } from './testing/start-test-api';

/** Routes anyone may call without a session. Adding one here is a security decision: review it. */
const PUBLIC_ROUTES = [
  'GET /health',
  'GET /ready',
  'POST /v1/auth/login',
  'POST /v1/auth/set-password',
  'POST /v1/auth/password-reset',
];

describe('API application', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('app');
  });
  afterAll(() => api.close());

  it('guards every documented route except the reviewed public ones', async () => {
    const document = buildOpenApiDocument(api.app);
    const routes = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(routes.length).toBeGreaterThan(3);
    for (const { method, path } of routes) {
      const concretePath = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await api.request(concretePath, { method });
      const key = `${method} ${path}`;
      if (PUBLIC_ROUTES.includes(key)) expect(response.status, key).not.toBe(401);
      else expect(response.status, key).toBe(401);
    }
  });

  it('has its OpenAPI document checked in and up to date (run `pnpm --filter @bufor/api openapi`)', () => {
    const checkedIn = readFileSync(resolve(__dirname, '../openapi.json'), 'utf8');
    expect(serializeOpenApi(buildOpenApiDocument(api.app))).toBe(checkedIn);
  });

  it('serves the OpenAPI document and its UI at /docs', async () => {
    const json = await api.request('/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(((await json.json()) as OpenAPIObject).info.title).toBe('Bufor API');
    expect((await api.request('/docs')).status).toBe(200);
  });

  it('answers unknown routes and malformed JSON with problem details carrying the caller correlation id', async () => {
    const notFound = await api.request('/v1/nie-ma-takiego', { headers: { 'x-request-id': 'pos-req-12345678' } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toContain('application/problem+json');
    expect(await notFound.json()).toMatchObject({ status: 404, code: 'NOT_FOUND', correlationId: 'pos-req-12345678' });

    const malformed = await api.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'pos-req-87654321' },
      body: '{"email": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'BAD_REQUEST', correlationId: 'pos-req-87654321' });
  });

  it('reports liveness, readiness of its dependencies and Prometheus metrics', async () => {
    expect(await (await api.request('/health')).json()).toEqual({ status: 'ok' });
    const ready = await api.request('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
    const metrics = await (await api.request('/metrics')).text();
    expect(metrics).toContain('bufor_api_http_request_duration_seconds_bucket');
    expect(metrics).toContain('route="/health"');
  });
});

describe('API readiness without Redis', () => {
  let api: TestApi;
  beforeAll(async () => {
    // Nothing listens on port 1: Redis is "down" from the start.
    api = await startTestApi('noredis', { REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(() => api.close());

  it('answers 503 naming the dependency that is down, while liveness stays up', async () => {
    const ready = await api.request('/ready');
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { checks: Record<string, { status: string }> };
    expect(body.checks['redis']?.status).toBe('down');
    expect(body.checks['postgres']?.status).toBe('up');
    expect((await api.request('/health')).status).toBe(200);
  });
});
