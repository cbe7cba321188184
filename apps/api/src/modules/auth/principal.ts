import type { ApiKeyScope } from '@bufor/db';

/** A person signed in through the web (or any client using their session token). */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  sessionId: string;
  email: string;
}

/** A POS/ERP integration authenticated by an API key; it belongs to exactly one tenant. */
export interface ApiKeyPrincipal {
  kind: 'apiKey';
  apiKeyId: string;
  tenantId: string;
  scopes: ApiKeyScope[];
}

/** Who is calling, as established by the request guard. */
export type Principal = UserPrincipal | ApiKeyPrincipal;

export interface AuthenticatedRequest {
  principal?: Principal;
}
