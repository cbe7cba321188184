import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, TenantScope } from '@bufor/db';
import { LocalKeyVault, readKeyringFile, SecretBox } from '@bufor/platform';
import { ksefNip } from '@bufor/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiApp } from '../../bootstrap';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { KsefCredentialsRepository } from './ksef-credentials.repository';
import { type KsefTestStack, startKsefTestStack } from './ksef-test-setup';
import { rotateMasterKey } from './master-key-rotation';

describe('master key rotation', () => {
  let stack: KsefTestStack;
  const keys = mkdtempSync(join(tmpdir(), 'bufor-rotation-'));
  const oldKeyFile = join(keys, 'master-old.key');
  const newKeyFile = join(keys, 'master-new.key');
  beforeAll(async () => {
    stack = await startKsefTestStack('key-rotation', { KMS_LOCAL_MASTER_KEY_FILE: oldKeyFile });
  });
  afterAll(async () => {
    await stack.close();
    rmSync(keys, { recursive: true, force: true });
  });

  async function companyWithToken() {
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
    return { tenant, token, ksefToken };
  }

  const envelopes = async (): Promise<Map<string, string>> =>
    new Map(
      (
        await stack.api.ctx.dataSource.query<{ tenant_id: string; secret_envelope: string }[]>(
          'SELECT tenant_id, secret_envelope FROM ksef_credentials',
        )
      ).map((row) => [row.tenant_id, row.secret_envelope]),
    );

  it('re-wraps every credential under the new key, loses none, and is safe to run again', async () => {
    const companies = [await companyWithToken(), await companyWithToken(), await companyWithToken()];
    await stack.api.ctx.newTenant(); // a company without credentials is walked past
    const before = await envelopes();

    const oldVault = await LocalKeyVault.fromFile(oldKeyFile);
    const newVault = await LocalKeyVault.fromFile(newKeyFile);
    expect(newVault.keyId).not.toBe(oldVault.keyId);
    // As the API runs it: the application role, confined by row-level security to one tenant per transaction.
    const dataSource = await createDataSource({ url: stack.api.ctx.database.appUrl, poolSize: 2 }).initialize();
    try {
      const credentials = new KsefCredentialsRepository(new TenantScope(dataSource), dataSource);
      // The one-off move between two key files: the old key only unwraps, the new one wraps.
      const keys = [...(await readKeyringFile(oldKeyFile))!, ...(await readKeyringFile(newKeyFile))!];
      const vault = LocalKeyVault.fromKeys(keys.map((key) => key.key));
      const first = await rotateMasterKey({ credentials, vault });
      expect(first).toMatchObject({ resealed: 3, alreadyCurrent: 0 });
      const again = await rotateMasterKey({ credentials, vault });
      expect(again).toMatchObject({ resealed: 0, alreadyCurrent: 3 });
    } finally {
      await dataSource.destroy();
    }

    const after = await envelopes();
    const newBox = new SecretBox(newVault);
    const oldBox = new SecretBox(oldVault);
    for (const { tenant, ksefToken } of companies) {
      expect(after.get(tenant.id)).not.toBe(before.get(tenant.id));
      expect(after.get(tenant.id)).not.toContain(ksefToken);
      expect((await newBox.open(tenant.id, after.get(tenant.id)!)).revealString()).toContain(ksefToken);
      await expect(oldBox.open(tenant.id, after.get(tenant.id)!)).rejects.toThrow(/master key/);
    }

    // An API started on the new key logs in to KSeF with every rotated credential.
    const config = stack.api.app.get<ApiConfig>(API_CONFIG);
    const rotated: INestApplication = await createApiApp({ ...config, KMS_LOCAL_MASTER_KEY_FILE: newKeyFile });
    try {
      await rotated.listen(0, '127.0.0.1');
      const { port } = (rotated.getHttpServer() as Server).address() as AddressInfo;
      for (const { token } of companies) {
        const response = await fetch(`http://127.0.0.1:${port}/v1/ksef/connection/test`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(await response.json()).toMatchObject({ ok: true });
      }
    } finally {
      await rotated.close();
    }
  });
});
