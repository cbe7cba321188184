import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys look like `bfk_<prefix>_<secret>`: the prefix (public, shown in lists) finds the key, the whole key is
 * compared by SHA-256. 256 random bits of secret make a slow hash unnecessary.
 */
const FORMAT = /^bfk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const key = `bfk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function apiKeyPrefix(key: string): string | null {
  return FORMAT.exec(key)?.[1] ?? null;
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith('bfk_');
}
