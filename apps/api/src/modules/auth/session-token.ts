import { createHash, randomBytes } from 'node:crypto';

/** Session tokens are 256 random bits; only their SHA-256 is stored. */
export function newSessionToken(): { token: string; hash: string } {
  const token = `bfs_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
