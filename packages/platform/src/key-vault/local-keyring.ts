import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { KeyVaultError } from './key-vault';

export const MASTER_KEY_BYTES = 32;

/** One AES-256 master key of the local keyring; the id is a fingerprint, so it never reveals the key. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export function masterKeyId(key: Buffer): string {
  return `local:${createHash('sha256').update('bufor-master-key-id').update(key).digest('hex').slice(0, 16)}`;
}

export function masterKey(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) {
    throw new KeyVaultError('MASTER_KEY_INVALID', `master key must be ${MASTER_KEY_BYTES} bytes`);
  }
  return { id: masterKeyId(key), key: Buffer.from(key) };
}

/**
 * The keyring file: one base64 key per line, oldest first, `#` comments allowed; the last key wraps new data keys,
 * the others only unwrap. A file of one base64 line (the format before keyrings) is a keyring of one key.
 */
export function parseKeyring(text: string, file: string): MasterKey[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) throw new KeyVaultError('MASTER_KEY_INVALID', `master key file ${file} holds no key`);
  const keys = lines.map((line, index) => {
    const key = Buffer.from(line, 'base64');
    // The line itself is never echoed: it is key material.
    if (key.length !== MASTER_KEY_BYTES || !/^[A-Za-z0-9+/]+=*$/.test(line)) {
      throw new KeyVaultError(
        'MASTER_KEY_INVALID',
        `master key file ${file} must hold ${MASTER_KEY_BYTES} bytes in base64 per line (key ${index + 1} does not)`,
      );
    }
    return masterKey(key);
  });
  if (new Set(keys.map((key) => key.id)).size !== keys.length) {
    throw new KeyVaultError('MASTER_KEY_INVALID', `master key file ${file} holds the same key twice`);
  }
  return keys;
}

export function formatKeyring(keys: readonly MasterKey[]): string {
  const header = [
    '# Bufor local master keyring: one base64 AES-256 key per line, oldest first.',
    '# The last key wraps new data keys; the others only unwrap. Change it with dist/cli/rotate-master-key.js.',
  ];
  return `${[...header, ...keys.flatMap((key) => [`# ${key.id}`, key.key.toString('base64')])].join('\n')}\n`;
}

export async function readKeyringFile(path: string): Promise<MasterKey[] | undefined> {
  const file = resolve(path);
  try {
    return parseKeyring(await readFile(file, 'utf8'), file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * Creates the keyring with one random key unless it exists. The content goes to a private temporary file that is
 * hard-linked into place: it appears complete or fails with EEXIST, so processes starting together agree on one key.
 */
export async function ensureKeyringFile(path: string): Promise<void> {
  const file = resolve(path);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = temporaryName(file);
  await writeFile(temporary, formatKeyring([masterKey(randomBytes(MASTER_KEY_BYTES))]), { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    await unlink(temporary);
  }
}

/** Replaces the keyring atomically (rename): a process reloading it sees the old or the new ring, never half. */
export async function writeKeyringFile(path: string, keys: readonly MasterKey[]): Promise<void> {
  if (keys.length === 0) throw new KeyVaultError('MASTER_KEY_INVALID', 'a keyring needs at least one key');
  const file = resolve(path);
  const temporary = temporaryName(file);
  await writeFile(temporary, formatKeyring(keys), { mode: 0o600, flag: 'wx' });
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Adds a new random key as the active one (created with the file when missing); returns its id. */
export async function addMasterKey(path: string): Promise<string> {
  await ensureKeyringFile(path);
  const keys = (await readKeyringFile(path)) ?? [];
  const added = masterKey(randomBytes(MASTER_KEY_BYTES));
  await writeKeyringFile(path, [...keys, added]);
  return added.id;
}

/** Removes a key that no longer wraps anything; the active key stays (add a new one first). */
export async function removeMasterKey(path: string, keyId: string): Promise<void> {
  const keys = await readKeyringFile(path);
  if (!keys?.some((key) => key.id === keyId)) {
    throw new KeyVaultError('MASTER_KEY_UNKNOWN', `master key ${keyId} is not in the keyring ${resolve(path)}`);
  }
  if (keys[keys.length - 1]!.id === keyId) {
    throw new KeyVaultError('MASTER_KEY_INVALID', `master key ${keyId} is the active key; add a new key first`);
  }
  await writeKeyringFile(
    path,
    keys.filter((key) => key.id !== keyId),
  );
}

function temporaryName(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
