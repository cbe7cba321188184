import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDataSource, TenantScope } from '@bufor/db';
import { addMasterKey, KeyVaultError, LocalKeyVault, parseSecretEnvelope, SecretBox } from '@bufor/platform';
import { ksefNip } from '@bufor/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KsefCredentialsRepository } from './ksef-credentials.repository';
import { type KsefTestStack, startKsefTestStack } from './ksef-test-setup';
import { credentialsPerMasterKey, retireMasterKey, rotateMasterKey } from './master-key-rotation';

type Company = { tenantId: string; token: string; ksefToken: string };

/**
 * Zero-downtime rotation of the local keyring while the API (in-process, on the keyring file) and a second reader
 * (a worker's own vault over the same file) keep decrypting every credential in a loop: add key 2, re-wrap, retire
 * key 1. No read may fail in any phase.
 */
describe('master keyring: rotation while the apps run', () => {
  let stack: KsefTestStack;
  let appDataSource: DataSource;
  let credentials: KsefCredentialsRepository;
  const dir = mkdtempSync(join(tmpdir(), 'bufor-keyring-'));
  const keyring = join(dir, 'master.keyring');

  beforeAll(async () => {
    stack = await startKsefTestStack('keyring', { KMS_LOCAL_MASTER_KEY_FILE: keyring });
    // The rotation tool connects as the application role, confined by row-level security like the API.
    appDataSource = await createDataSource({ url: stack.api.ctx.database.appUrl, poolSize: 2 }).initialize();
    credentials = new KsefCredentialsRepository(new TenantScope(appDataSource), appDataSource);
  });
  afterAll(async () => {
    await appDataSource?.destroy();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function company(): Promise<Company> {
    const tenant = await stack.api.ctx.newTenant({ nip: ksefNip(), plan: 'full' });
    const admin = await stack.api.ctx.newUser({ tenant, role: 'admin' });
    const token = await stack.signIn(admin.email, admin.password);
    const { ksefToken } = await stack.taxpayer(tenant.nip);
    const put = await stack.api.request('/v1/ksef/credentials/token', {
      method: 'PUT',
      token,
      json: { token: ksefToken },
    });
    expect(put.status).toBe(204);
    return { tenantId: tenant.id, token, ksefToken };
  }

  const envelopeOf = async (tenantId: string): Promise<string> =>
    (
      await stack.api.ctx.dataSource.query<{ secret_envelope: string }[]>(
        'SELECT secret_envelope FROM ksef_credentials WHERE tenant_id = $1',
        [tenantId],
      )
    )[0]!.secret_envelope;

  it('keeps every credential readable by the running API and worker through add, re-wrap and retire', async () => {
    const companies = [await company(), await company(), await company()];
    const key1 = (await LocalKeyVault.fromFile(keyring)).keyId;
    const beforeRotation = await envelopeOf(companies[0]!.tenantId);
    expect(parseSecretEnvelope(beforeRotation).keyId).toBe(key1);

    // The readers: the API logs in to KSeF with each stored credential; the "worker" opens the envelopes itself.
    const worker = new SecretBox(await LocalKeyVault.fromFile(keyring));
    const failures: string[] = [];
    const reads = new Map<string, number>();
    let phase = 'key 1';
    let running = true;
    const readLoop = (async () => {
      while (running) {
        for (const { tenantId, token, ksefToken } of companies) {
          const test = await stack.api.request('/v1/ksef/connection/test', { method: 'POST', token });
          const body = (await test.json()) as { ok?: boolean; error?: string };
          if (test.status !== 200 || body.ok !== true)
            failures.push(`${phase}: API ${test.status} ${JSON.stringify(body)}`);
          try {
            const secret = (await worker.open(tenantId, await envelopeOf(tenantId))).revealString();
            if (!secret.includes(ksefToken)) failures.push(`${phase}: worker read another secret`);
          } catch (error) {
            failures.push(`${phase}: worker ${(error as Error).message}`);
          }
          reads.set(phase, (reads.get(phase) ?? 0) + 1);
        }
      }
    })();
    const letReadersRun = async () => {
      const start = reads.get(phase) ?? 0;
      while ((reads.get(phase) ?? 0) < start + companies.length * 2) await sleep(20);
    };

    try {
      await letReadersRun();

      phase = 'key 2 added';
      const key2 = await addMasterKey(keyring);
      // The API sees the new active key within its reload interval (1 s): a credential stored now goes under key 2.
      await sleep(1100);
      const late = await company();
      expect(parseSecretEnvelope(await envelopeOf(late.tenantId)).keyId).toBe(key2);
      await letReadersRun();
      await expect(retireMasterKey({ credentials, keyringFile: keyring, keyId: key1 })).rejects.toThrow(
        `master key ${key1} still wraps 3 credentials`,
      );

      phase = 're-wrapped';
      const vault = await LocalKeyVault.fromFile(keyring);
      expect(await rotateMasterKey({ credentials, vault })).toMatchObject({ resealed: 3, alreadyCurrent: 1 });
      expect(await credentialsPerMasterKey(credentials)).toEqual(new Map([[key2, 4]]));
      await letReadersRun();

      phase = 'key 1 retired';
      await expect(retireMasterKey({ credentials, keyringFile: keyring, keyId: key2 })).rejects.toThrow(
        /still wraps 4 credentials/,
      );
      await retireMasterKey({ credentials, keyringFile: keyring, keyId: key1 });
      await letReadersRun();
    } finally {
      running = false;
      await readLoop;
    }
    expect(failures).toEqual([]);
    expect([...reads.keys()]).toEqual(['key 1', 'key 2 added', 're-wrapped', 'key 1 retired']);

    // A process started now holds key 2 only and reads every credential.
    const restarted = await LocalKeyVault.fromFile(keyring);
    expect(restarted.keyIds).toEqual([(await credentialsPerMasterKey(credentials)).keys().next().value]);
    const fresh = new SecretBox(restarted);
    for (const { tenantId, ksefToken } of companies) {
      expect((await fresh.open(tenantId, await envelopeOf(tenantId))).revealString()).toContain(ksefToken);
    }

    // An envelope of the retired key (a backup from before the rotation) fails with a clear error.
    const stale = fresh.open(companies[0]!.tenantId, beforeRotation);
    await expect(stale).rejects.toBeInstanceOf(KeyVaultError);
    await expect(stale).rejects.toMatchObject({ code: 'MASTER_KEY_UNKNOWN' });
    await expect(stale).rejects.toThrow(`data key was wrapped by master key ${key1}, which is not in this keyring`);
  });
});
