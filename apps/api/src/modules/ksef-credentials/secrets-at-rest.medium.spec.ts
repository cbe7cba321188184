import { execFile } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { createSelfSignedCertificate, signXadesEnveloped } from '@bufor/ksef-client';
import { ksefNip } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KsefTestStack, startKsefTestStack } from './ksef-test-setup';

/**
 * Everything the API process writes to stdout/stderr while this file runs, at the most verbose log level. pino
 * writes through sonic-boom with fs.write/fs.writeSync on fd 1, below process.stdout, so that is where we listen.
 */
function captureProcessOutput(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const originalWrite = fs.write;
  const originalWriteSync = fs.writeSync;
  const isStd = (fd: unknown) => fd === 1 || fd === 2;
  const record = (data: unknown) => {
    chunks.push(typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString('utf8'));
  };
  const patchedWrite = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (!isStd(fd)) return (originalWrite as (...args: unknown[]) => void)(fd, data, ...rest);
    record(data);
    const callback = rest.find((arg) => typeof arg === 'function') as ((e: null, n: number) => void) | undefined;
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
    if (callback) process.nextTick(callback, null, bytes);
  };
  const patchedWriteSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (!isStd(fd)) return (originalWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    record(data);
    return typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
  };
  Object.assign(fs, { write: patchedWrite, writeSync: patchedWriteSync });
  return {
    text: () => chunks.join(''),
    restore: () => Object.assign(fs, { write: originalWrite, writeSync: originalWriteSync }),
  };
}

describe('credentials at rest and in logs', () => {
  let stack: KsefTestStack;
  let output: ReturnType<typeof captureProcessOutput>;
  beforeAll(async () => {
    output = captureProcessOutput();
    stack = await startKsefTestStack('secrets-at-rest', { LOG_LEVEL: 'trace' });
  });
  afterAll(async () => {
    await stack.close();
    output.restore();
  });

  it('a database dump and the logs contain no token, key or password in plaintext', async () => {
    const secrets: Record<string, string> = {};
    const api = stack.api;
    const tenant = await api.ctx.newTenant({ nip: ksefNip(), plan: 'full' });
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    secrets['user password'] = admin.password;
    const session = await stack.signIn(admin.email, admin.password);
    secrets['session token'] = session;
    const call = (method: string, path: string, json?: unknown) => api.request(path, { method, token: session, json });

    // KSeF token: stored, used (ok), listed; a forged one fails.
    const { ksefToken } = await stack.taxpayer(tenant.nip);
    secrets['KSeF token'] = ksefToken;
    await call('PUT', '/v1/ksef/credentials/token', { token: `${ksefToken.slice(0, -6)}ABCDEF` });
    expect(await (await call('POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: false });
    await call('PUT', '/v1/ksef/credentials/token', { token: ksefToken });
    expect(await (await call('POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: true });
    expect((await call('GET', '/v1/ksef/tokens')).status).toBe(200);

    // Certificate with an encrypted key: wrong password, mismatched key, then the right one, used.
    const certificate = await createSelfSignedCertificate(
      {
        organizationName: 'Firma',
        organizationIdentifier: `VATPL-${tenant.nip}`,
        commonName: 'Firma',
        countryName: 'PL',
      },
      'rsa',
    );
    const password = 'Sekretne-Haslo-Klucza-2026';
    secrets['key password'] = password;
    const encryptedKey = createPrivateKey(certificate.privateKeyPem).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: password,
    }) as string;
    certificate.privateKeyPem
      .split('\n')
      .filter((line) => /^[A-Za-z0-9+/=]{60,}$/.test(line))
      .slice(0, 4)
      .forEach((line, i) => (secrets[`private key line ${i}`] = line));
    const other = await createSelfSignedCertificate({ commonName: 'Inny', countryName: 'PL' }, 'rsa');
    const base = { certificatePem: certificate.certificatePem };
    expect(
      (
        await call('PUT', '/v1/ksef/credentials/certificate', {
          ...base,
          privateKeyPem: encryptedKey,
          privateKeyPassword: `${password}x`,
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('PUT', '/v1/ksef/credentials/certificate', { ...base, privateKeyPem: other.privateKeyPem })).status,
    ).toBe(400);
    expect(
      (
        await call('PUT', '/v1/ksef/credentials/certificate', {
          ...base,
          privateKeyPem: encryptedKey,
          privateKeyPassword: password,
        })
      ).status,
    ).toBe(204);
    expect(await (await call('POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: true });

    // External signing: the tokens KSeF issues are a credential too.
    const { requestId, unsignedXml } = (await (
      await call('POST', '/v1/ksef/credentials/external/challenge')
    ).json()) as {
      requestId: string;
      unsignedXml: string;
    };
    const signedXml = signXadesEnveloped(unsignedXml, {
      certificate: certificate.certificatePem,
      privateKey: certificate.privateKeyPem,
    });
    expect((await call('POST', '/v1/ksef/credentials/external/signed', { requestId, signedXml })).status).toBe(204);
    expect(await (await call('POST', '/v1/ksef/connection/test')).json()).toMatchObject({ ok: true });

    // An integration key: shown once, then used.
    const created = (await (
      await call('POST', '/v1/api-keys', { name: 'Kasa', scopes: ['invoices:read'] })
    ).json()) as {
      key: string;
    };
    secrets['API key'] = created.key;
    expect((await api.request('/v1/tenant', { token: created.key })).status).toBe(200);
    expect((await api.request('/v1/tenant', { headers: { 'x-api-key': created.key } })).status).toBe(200);

    const { stdout: dump } = await promisify(execFile)('pg_dump', ['--no-owner', '--dbname', api.ctx.database.url], {
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(dump).toContain('ksef_credentials');
    expect(dump).toMatch(/v1\.[A-Za-z0-9_-]+\./); // the sealed envelopes are in it
    const logs = output.text();
    expect(logs).toContain('/v1/ksef/connection/test'); // the request log lines were captured
    expect(logs).toContain('/v1/ksef/credentials/certificate');

    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(11);
      expect(dump.includes(secret), `${name} in the database dump`).toBe(false);
      expect(logs.includes(secret), `${name} in the logs`).toBe(false);
    }
  });
});
