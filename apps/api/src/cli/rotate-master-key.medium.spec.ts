import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createDataSource } from '@bufor/db';
import { LocalKeyVault, parseSecretEnvelope, readKeyringFile, SecretBox } from '@bufor/platform';
import { createTestDatabase, ksefNip, type TestDatabase } from '@bufor/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../dist/cli/rotate-master-key.js');

/** The built rotation tool as an operator runs it (needs `tsc -b`, as scripts/test.sh does first). */
describe('rotate-master-key CLI', () => {
  let database: TestDatabase;
  let db: DataSource;
  const dir = mkdtempSync(join(tmpdir(), 'bufor-rotate-cli-'));
  const keyring = join(dir, 'master.key');

  beforeAll(async () => {
    database = await createTestDatabase('rotate-cli');
    // The owner connection: test data is written past row-level security.
    db = await createDataSource({ url: database.url, poolSize: 1 }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(...args: string[]): Promise<{ code: number; out: string }> {
    const env = {
      ...process.env,
      DATABASE_URL: database.appUrl,
      DATABASE_MIGRATION_URL: database.url,
      KMS_LOCAL_MASTER_KEY_FILE: keyring,
      LOG_LEVEL: 'warn',
    };
    try {
      const { stdout, stderr } = await promisify(execFile)('node', [CLI, ...args], { env });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout + failed.stderr };
    }
  }

  async function storeCredential(secret: string): Promise<string> {
    const tenant = await db.query<{ id: string }[]>(
      `INSERT INTO tenants (nip, slug, name, plan) VALUES ($1, $2, 'Firma', 'full') RETURNING id`,
      [ksefNip(), `firma-${Math.random().toString(36).slice(2, 10)}`],
    );
    const id = tenant[0]!.id;
    const envelope = await new SecretBox(await LocalKeyVault.fromFile(keyring)).seal(id, secret);
    await db.query(`INSERT INTO ksef_credentials (tenant_id, method, secret_envelope) VALUES ($1, 'token', $2)`, [
      id,
      envelope,
    ]);
    return id;
  }

  const envelopeOf = async (tenantId: string): Promise<string> =>
    (
      await db.query<{ e: string }[]>('SELECT secret_envelope AS e FROM ksef_credentials WHERE tenant_id = $1', [
        tenantId,
      ])
    )[0]!.e;

  it('shows the keys, rotates, refuses to retire a key still in use, then retires the old key', async () => {
    const tenants = [await storeCredential('token-jeden'), await storeCredential('token-dwa')];
    const key1 = (await LocalKeyVault.fromFile(keyring)).keyId;
    expect(await cli('status')).toEqual({ code: 0, out: `${key1} (active): 2 credentials\n` });

    const rotated = await cli('rotate');
    expect(rotated.code).toBe(0);
    const key2 = (await readKeyringFile(keyring))!.map((key) => key.id)[1]!;
    expect(rotated.out).toContain(`added master key ${key2}`);
    expect(rotated.out).toContain(`2 credentials re-sealed, 0 already current -> ${key2}`);
    for (const tenant of tenants) expect(parseSecretEnvelope(await envelopeOf(tenant)).keyId).toBe(key2);
    expect((await cli('status')).out).toBe(`${key1}: 0 credentials\n${key2} (active): 2 credentials\n`);
    expect((await cli('rewrap')).out).toContain('0 credentials re-sealed, 2 already current');

    expect(await cli('retire', key2)).toEqual({
      code: 1,
      out: `rotation failed: master key ${key2} still wraps 2 credentials: re-wrap them first (rewrap)\n`,
    });
    expect(await cli('retire', key1)).toEqual({ code: 0, out: `retired master key ${key1}\n` });
    expect((await readKeyringFile(keyring))!.map((key) => key.id)).toEqual([key2]);
    const box = new SecretBox(await LocalKeyVault.fromFile(keyring));
    expect((await box.open(tenants[0]!, await envelopeOf(tenants[0]!))).revealString()).toBe('token-jeden');

    const unknown = await cli('retire', 'local:0000000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('master key local:0000000000000000 is not in the keyring');
    const usage = await cli('obroc');
    expect(usage.code).toBe(2);
    expect(usage.out).toMatch(/^usage: /);
  });
});
