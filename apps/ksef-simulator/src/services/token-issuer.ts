import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock';
import { signJwt, verifyJwt, type SimJwtClaims } from '../crypto/jwt';
import type { AuthOperationRecord } from '../domain/auth-operation';

export interface TokenLifetimes {
  authenticationTokenSeconds: number;
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}

export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = {
  authenticationTokenSeconds: 45 * 60,
  accessTokenSeconds: 15 * 60,
  refreshTokenSeconds: 7 * 24 * 3600,
};

export interface IssuedToken {
  token: string;
  validUntil: number;
}

/** Issues and verifies the simulator's JWTs; all times come from the simulator clock. */
export class TokenIssuer {
  constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
    readonly lifetimes: TokenLifetimes,
  ) {}

  authenticationToken(operation: AuthOperationRecord): IssuedToken {
    return this.issue('OperationToken', operation, this.lifetimes.authenticationTokenSeconds, undefined);
  }

  accessToken(operation: AuthOperationRecord): IssuedToken {
    return this.issue('ContextToken', operation, this.lifetimes.accessTokenSeconds, operation.permissions);
  }

  refreshToken(operation: AuthOperationRecord): IssuedToken {
    return this.issue('RefreshToken', operation, this.lifetimes.refreshTokenSeconds, undefined);
  }

  verify(token: string): SimJwtClaims | null {
    return verifyJwt(token, this.secret);
  }

  private issue(
    type: SimJwtClaims['token-type'],
    operation: AuthOperationRecord,
    seconds: number,
    permissions: string[] | undefined,
  ): IssuedToken {
    const now = this.clock.now();
    const validUntil = now + seconds * 1000;
    const claims: SimJwtClaims = {
      'token-type': type,
      'operation-reference-number': operation.referenceNumber,
      'context-identifier-type': operation.context.type,
      'context-identifier-value': operation.context.value,
      ...(permissions ? { per: permissions } : {}),
      jti: randomBytes(8).toString('hex'),
      iat: Math.floor(now / 1000),
      // Milliseconds precision would not fit the JWT `exp` (seconds); round down so `exp` <= validUntil.
      exp: Math.floor(validUntil / 1000),
      iss: 'ksef-api-ti',
      aud: 'ksef-api-ti',
    };
    return { token: signJwt(claims, this.secret), validUntil: claims.exp * 1000 };
  }
}
