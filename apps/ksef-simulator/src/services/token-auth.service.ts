import { constants, privateDecrypt } from 'node:crypto';
import { KsefError } from '../core/errors';
import { AUTH_STATUS, type AllowedIpsPolicy, type StatusInfo } from '../domain/auth-operation';
import type { ContextIdentifier } from '../domain/identifiers';
import { findKsefToken, type KsefTokenRecord } from '../domain/ksef-token';
import type { SimulatorContext } from '../simulator-context';
import { consumeChallenge, isSameContext, startOperation } from './auth-operations.service';

export interface InitTokenAuthenticationBody {
  challenge: string;
  contextIdentifier: ContextIdentifier;
  encryptedToken: string;
  publicKeyId?: string | null;
  authorizationPolicy?: { allowedIps?: AllowedIpsPolicy | null } | null;
}

function invalidToken(detail: string): StatusInfo {
  return { ...AUTH_STATUS.invalidToken, details: [detail] };
}

/** POST /auth/ksef-token: sync checks (challenge 21111, key id 21470), then an async outcome (200/415/450/480). */
export function startTokenAuthentication(ctx: SimulatorContext, body: InitTokenAuthenticationBody) {
  if (body.publicKeyId && body.publicKeyId !== ctx.keys.tokenEncryption.publicKeyId) {
    throw new KsefError(21470, 'Nieznany lub wycofany identyfikator klucza publicznego.', [body.publicKeyId]);
  }
  const challenge = consumeChallenge(ctx, body.challenge);

  let token: KsefTokenRecord | undefined;
  let status: StatusInfo = AUTH_STATUS.success;
  try {
    const plain = privateDecrypt(
      { key: ctx.keys.tokenEncryption.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      Buffer.from(body.encryptedToken, 'base64'),
    ).toString('utf8');
    const separator = plain.lastIndexOf('|');
    const tokenText = separator > 0 ? plain.slice(0, separator) : plain;
    const timestamp = separator > 0 ? plain.slice(separator + 1) : '';
    token = findKsefToken(ctx.store, tokenText);
    if (timestamp !== String(challenge.timestampMs)) status = invalidToken('Nieprawidłowy czas tokena.');
    else if (!token) status = invalidToken('Nieprawidłowy token.');
    else if (token.status === 'Revoked' || token.status === 'Revoking') status = invalidToken('Token unieważniony.');
    else if (token.status !== 'Active') status = invalidToken('Token nieaktywny.');
    else if (!isSameContext(token.context, body.contextIdentifier))
      status = invalidToken('Token nie dotyczy wskazanego kontekstu.');
  } catch {
    status = invalidToken('Nie udało się odszyfrować tokena.');
  }

  if (status.code === 200 && token) token.lastUseDate = ctx.clock.now();
  return startOperation(ctx, {
    context: body.contextIdentifier,
    subject: status.code === 200 && token ? token.author : null,
    method: 'Token',
    methodInfo: { category: 'Token', code: 'Token', displayName: 'Token KSeF' },
    status,
    permissions: status.code === 200 && token ? [...token.permissions] : [],
    ksefTokenReferenceNumber: token?.referenceNumber ?? null,
    authDocumentHash: null,
    allowedIps: body.authorizationPolicy?.allowedIps ?? null,
  });
}
