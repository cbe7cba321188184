import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of the simulator's JWTs. Clients must treat them as opaque apart from `exp`. */
export interface SimJwtClaims {
  'token-type': 'OperationToken' | 'ContextToken' | 'RefreshToken';
  'operation-reference-number': string;
  'context-identifier-type': string;
  'context-identifier-value': string;
  /** Permissions frozen at issue time (a new access token reflects the current ones). */
  per?: string[];
  jti: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

// HS256 is a handful of lines on node:crypto and keeps token checks cheap on the hot status path.
export function signJwt(claims: SimJwtClaims, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/** Returns the claims when the signature verifies; expiry is checked by the caller against the sim clock. */
export function verifyJwt(token: string, secret: Buffer): SimJwtClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SimJwtClaims;
  } catch {
    return null;
  }
}
