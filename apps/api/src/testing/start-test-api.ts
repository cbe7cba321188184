import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiEnvSchema, parseEnv } from '@bufor/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalS3 } from '@bufor/platform/dev';
import { createTestContext, testEnv, testRedisPrefix, type TestContext } from '@bufor/testing';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '../bootstrap';

export interface TestApi {
  app: INestApplication;
  ctx: TestContext;
  url: string;
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Signs a person in and returns their bearer token (fails the test when the login is refused). */
  signIn(user: { email: string; password: string }): Promise<string>;
  /** A GET with any headers, Host included (fetch may not set Host): for portal-address tests. */
  getRaw(path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** The real API on a random port over a fresh cloned database (no mocks of our own parts). */
export async function startTestApi(label: string, env: Record<string, string> = {}): Promise<TestApi> {
  const ctx = await createTestContext(label);
  const scratch = mkdtempSync(join(tmpdir(), `bufor-api-${label}-`));
  const s3 = await startLocalS3({ port: 0, directory: join(scratch, 's3'), bucket: 'bufor-test' });
  const config = parseEnv('api', apiEnvSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: ctx.database.appUrl,
    REDIS_URL: testEnv.redisUrl,
    REDIS_KEY_PREFIX: testRedisPrefix(label),
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    KMS_LOCAL_MASTER_KEY_FILE: join(scratch, 'master.key'),
    ...env,
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const request: TestApi['request'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${url}${path}`, { ...init, headers, body });
  };
  return {
    app,
    ctx,
    url,
    request,
    async signIn(user) {
      const response = await request('/v1/auth/login', {
        method: 'POST',
        json: { email: user.email, password: user.password },
      });
      if (response.status !== 200) throw new Error(`login of ${user.email} answered ${response.status}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    getRaw(path, headers) {
      return new Promise((resolveResponse, reject) => {
        const outgoing = httpRequest(`${url}${path}`, { method: 'GET', headers }, (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('end', () =>
            resolveResponse({ status: incoming.statusCode ?? 0, body: JSON.parse(text) as unknown }),
          );
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    },
    async close() {
      await app.close();
      await s3.stop();
      await ctx.destroy();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
