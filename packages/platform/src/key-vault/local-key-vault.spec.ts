import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyVaultError } from './key-vault';
import { LocalKeyVault } from './local-key-vault';
import { parseKeyring } from './local-keyring';

const TENANT_A = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';
const TENANT_B = '0b4d2a77-1c3e-4f5a-8b9c-7d6e5f4a3b21';

describe('LocalKeyVault', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bufor-kms-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the master key file once with mode 0600 and reuses it on the next start', async () => {
    const file = join(dir, 'nested', 'kms', 'master.key');
    const first = await LocalKeyVault.fromFile(file);
    const info = await stat(file);
    expect(info.mode & 0o777).toBe(0o600);
    const content = await readFile(file, 'utf8');
    const [key, ...more] = parseKeyring(content, file);
    expect(key!.key).toHaveLength(32);
    expect(more).toEqual([]);
    expect(key!.id).toBe(first.keyId);

    const second = await LocalKeyVault.fromFile(file);
    expect(await readFile(file, 'utf8')).toBe(content);
    expect(second.keyId).toBe(first.keyId);
    // A data key wrapped by the first process unwraps in the second: same master key.
    const dataKey = await first.generateDataKey(TENANT_A);
    expect(await second.unwrapDataKey(TENANT_A, dataKey.wrapped, dataKey.keyId)).toEqual(dataKey.plaintext);
  });

  it('agrees on one master key when two processes start at the same time', async () => {
    const file = join(dir, 'master.key');
    const vaults = await Promise.all([1, 2, 3, 4].map(() => LocalKeyVault.fromFile(file)));
    expect(new Set(vaults.map((vault) => vault.keyId)).size).toBe(1);
  });

  it('refuses a master key file that does not hold 32 bytes, without printing it', async () => {
    const file = join(dir, 'master.key');
    await writeFile(file, 'c2hvcnQta2V5\n', { mode: 0o600 });
    const attempt = LocalKeyVault.fromFile(file);
    await expect(attempt).rejects.toThrow(KeyVaultError);
    await expect(attempt).rejects.toThrow(/must hold 32 bytes/);
    await expect(attempt).rejects.not.toThrow(/c2hvcnQta2V5/);
  });

  it('wraps a fresh 256-bit data key per call that unwraps only for its tenant', async () => {
    const vault = LocalKeyVault.fromKey(Buffer.alloc(32, 7));
    const one = await vault.generateDataKey(TENANT_A);
    const two = await vault.generateDataKey(TENANT_A);
    expect(one.plaintext).toHaveLength(32);
    expect(one.plaintext.equals(two.plaintext)).toBe(false);
    expect(await vault.unwrapDataKey(TENANT_A, one.wrapped)).toEqual(one.plaintext);

    await expect(vault.unwrapDataKey(TENANT_B, one.wrapped)).rejects.toMatchObject({
      code: 'DATA_KEY_UNWRAP_FAILED',
      message: expect.stringContaining(TENANT_B),
    });
  });

  it('detects a tampered wrapped key and a key wrapped by another master key', async () => {
    const vault = LocalKeyVault.fromKey(Buffer.alloc(32, 7));
    const other = LocalKeyVault.fromKey(Buffer.alloc(32, 8));
    const dataKey = await vault.generateDataKey(TENANT_A);
    const tampered = Buffer.from(dataKey.wrapped);
    tampered[tampered.length - 1]! ^= 0x01;
    await expect(vault.unwrapDataKey(TENANT_A, tampered)).rejects.toMatchObject({ code: 'DATA_KEY_UNWRAP_FAILED' });
    await expect(other.unwrapDataKey(TENANT_A, dataKey.wrapped, dataKey.keyId)).rejects.toThrow(
      /wrapped by master key/,
    );
    await expect(other.unwrapDataKey(TENANT_A, dataKey.wrapped)).rejects.toMatchObject({
      code: 'DATA_KEY_UNWRAP_FAILED',
    });
  });

  it('rejects tenant ids that are empty or contain separators', async () => {
    const vault = LocalKeyVault.fromKey(Buffer.alloc(32, 7));
    await expect(vault.generateDataKey('')).rejects.toMatchObject({ code: 'INVALID_TENANT_ID' });
    await expect(vault.generateDataKey('a:b')).rejects.toMatchObject({ code: 'INVALID_TENANT_ID' });
  });

  it('never shows the master key or a data key in JSON, toString or inspect', async () => {
    const masterKey = Buffer.alloc(32, 0xab);
    const vault = LocalKeyVault.fromKey(masterKey);
    const dataKey = await vault.generateDataKey(TENANT_A);
    const { inspect } = await import('node:util');
    const renderings = [
      JSON.stringify({ vault, dataKey }),
      String(vault),
      String(dataKey),
      inspect({ vault, dataKey }, { depth: 5 }),
    ];
    for (const text of renderings) {
      for (const secret of [masterKey, dataKey.plaintext]) {
        expect(text).not.toContain(secret.toString('base64'));
        expect(text).not.toContain(secret.toString('hex'));
      }
    }
    expect(JSON.stringify(dataKey)).toContain('[redacted]');
  });
});
