import { type KsefSession } from '../auth/ksef-session';
import { type KsefHttpClient, type KsefRequest } from '../http/ksef-http.client';

/** Issues an authenticated request in the session's context and returns the body. */
export function authed<T>(
  http: KsefHttpClient,
  session: KsefSession,
  req: Omit<KsefRequest, 'bearer' | 'context'>,
): Promise<T> {
  return session.withAccessToken(
    async (bearer) => (await http.request<T>({ ...req, bearer, context: session.contextKey })).data,
  );
}
