import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKeyVault } from './local-key-vault';
import { addMasterKey, readKeyringFile, removeMasterKey } from './local-keyring';
import { SecretBox } from './secret-box';
import { parseSecretEnvelope } from './secret-envelope';

const TENANT = '6f1c1f3e-3d0a-4a4e-9a59-2a0d3c7b9e10';

describe('local master keyring', () => {
  let dir: string;
  let file: string;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bufor-keyring-'));
    file = join(dir, 'master.key');
    clock = 1_000_000;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a key file of one base64 line (before keyrings) as a keyring of that key, with the same key id', async () => {
    const key = randomBytes(32);
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600 });
    const vault = await LocalKeyVault.fromFile(file);
    const expectedId = `local:${createHash('sha256').update('bufor-master-key-id').update(key).digest('hex').slice(0, 16)}`;
    expect(vault.keyId).toBe(expectedId);
    expect(vault.keyIds).toEqual([expectedId]);
    expect(LocalKeyVault.fromKey(key).keyId).toBe(expectedId);
  });

  it('wraps new data keys with the newest key and still unwraps those of the older one', async () => {
    const before = await LocalKeyVault.fromFile(file);
    const old = await before.generateDataKey(TENANT);
    const added = await addMasterKey(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const after = await LocalKeyVault.fromFile(file);
    expect(after.keyIds).toEqual([before.keyId, added]);
    const fresh = await after.generateDataKey(TENANT);
    expect(fresh.keyId).toBe(added);
    expect(await after.unwrapDataKey(TENANT, old.wrapped, old.keyId)).toEqual(old.plaintext);
    // Without a key id, every key of the ring is tried.
    expect(await after.unwrapDataKey(TENANT, old.wrapped)).toEqual(old.plaintext);
  });

  it('follows the file in a running process: a new key unwraps at once, and becomes active within the interval', async () => {
    const running = await LocalKeyVault.fromFile(file, { reloadIntervalMs: 1000, now });
    const firstKey = running.keyId;
    // Another process (the rotation tool) adds a key and wraps with it.
    const added = await addMasterKey(file);
    const elsewhere = await LocalKeyVault.fromFile(file);
    const wrappedElsewhere = await elsewhere.generateDataKey(TENANT);

    expect(await running.unwrapDataKey(TENANT, wrappedElsewhere.wrapped, added)).toEqual(wrappedElsewhere.plaintext);
    expect(running.keyIds).toEqual([firstKey, added]);

    const runningBox = await LocalKeyVault.fromFile(file, { reloadIntervalMs: 1000, now });
    await addMasterKey(file);
    expect((await runningBox.generateDataKey(TENANT)).keyId).toBe(added);
    clock += 1000;
    expect((await runningBox.generateDataKey(TENANT)).keyId).not.toBe(added);
  });

  it('names a master key it does not hold, without key material, and refuses to retire the active or an unknown key', async () => {
    const vault = await LocalKeyVault.fromFile(file);
    const dataKey = await vault.generateDataKey(TENANT);
    const stranger = LocalKeyVault.fromKey(randomBytes(32));
    const attempt = stranger.unwrapDataKey(TENANT, dataKey.wrapped, dataKey.keyId);
    await expect(attempt).rejects.toMatchObject({ code: 'MASTER_KEY_UNKNOWN' });
    await expect(attempt).rejects.toThrow(
      `data key was wrapped by master key ${dataKey.keyId}, which is not in this keyring (it holds ${stranger.keyId})`,
    );
    const content = await readFile(file, 'utf8');
    await expect(attempt).rejects.not.toThrow(content.split('\n').at(-2)!);

    await expect(removeMasterKey(file, vault.keyId)).rejects.toThrow(/is the active key/);
    await expect(removeMasterKey(file, 'local:0000000000000000')).rejects.toMatchObject({ code: 'MASTER_KEY_UNKNOWN' });
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it('retires an old key: once a process reloads, it no longer unwraps with it, and says which key is missing', async () => {
    const running = await LocalKeyVault.fromFile(file, { reloadIntervalMs: 0, now });
    const old = await running.generateDataKey(TENANT);
    const added = await addMasterKey(file);
    await removeMasterKey(file, old.keyId);
    expect((await readKeyringFile(file))!.map((key) => key.id)).toEqual([added]);

    // The next look at the file (any new data key) drops the retired key from memory too.
    expect((await running.generateDataKey(TENANT)).keyId).toBe(added);
    await expect(running.unwrapDataKey(TENANT, old.wrapped, old.keyId)).rejects.toMatchObject({
      code: 'MASTER_KEY_UNKNOWN',
      message: expect.stringContaining(old.keyId),
    });
    expect(running.keyIds).toEqual([added]);
  });

  it('keeps running on the keys it has when the file is damaged, and names the damage', async () => {
    const running = await LocalKeyVault.fromFile(file, { reloadIntervalMs: 0, now });
    const dataKey = await running.generateDataKey(TENANT);
    await writeFile(file, 'not a key\n');
    expect(await running.unwrapDataKey(TENANT, dataKey.wrapped, dataKey.keyId)).toEqual(dataKey.plaintext);
    expect((await running.generateDataKey(TENANT)).keyId).toBe(dataKey.keyId);
    await expect(running.unwrapDataKey(TENANT, dataKey.wrapped, 'local:0000000000000000')).rejects.toThrow(
      /reading the keyring failed: .*must hold 32 bytes/,
    );
  });

  it('makes a SecretBox seal under the new key as soon as its vault sees it, while old envelopes still open', async () => {
    const vault = await LocalKeyVault.fromFile(file, { reloadIntervalMs: 1000, now });
    const box = new SecretBox(vault);
    const before = await box.seal(TENANT, 'token-1');
    const added = await addMasterKey(file);
    clock += 1000;
    const after = await box.seal(TENANT, 'token-2');
    expect(parseSecretEnvelope(before).keyId).toBe(vault.keyIds[0]);
    expect(parseSecretEnvelope(after).keyId).toBe(added);
    expect((await box.open(TENANT, before)).revealString()).toBe('token-1');
    expect((await new SecretBox(await LocalKeyVault.fromFile(file)).open(TENANT, after)).revealString()).toBe(
      'token-2',
    );
  });
});
