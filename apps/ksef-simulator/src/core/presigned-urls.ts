import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Pre-signed URLs served by the simulator itself (batch part uploads, UPO and export downloads): the path
 * plus `exp` (epoch ms) is signed with the simulator secret, so these requests need no bearer token.
 */
export class PresignedUrls {
  constructor(private readonly secret: Buffer) {}

  sign(baseUrl: string, path: string, expiresAt: number): string {
    return `${baseUrl}${path}?exp=${expiresAt}&sig=${this.signature(path, expiresAt)}`;
  }

  /** 'ok', 'invalid' (bad/missing signature) or 'expired'. */
  verify(path: string, exp: string | undefined, sig: string | undefined, now: number): 'ok' | 'invalid' | 'expired' {
    if (!exp || !sig || !/^\d+$/.test(exp)) return 'invalid';
    const expected = Buffer.from(this.signature(path, Number(exp)));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return now > Number(exp) ? 'expired' : 'ok';
  }

  private signature(path: string, expiresAt: number): string {
    return createHmac('sha256', this.secret).update(`${path}\n${expiresAt}`).digest('base64url');
  }
}
