import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ApiError, fetchMe } from './api-client';
import type { Membership, MeResponse } from './api-schemas';
import { activeMembership, requireSession } from './session';

export type Viewer = MeResponse & { tenant: Membership | undefined };

/**
 * The logged-in user as the API sees them now (fresh memberships), with the active tenant; memoised per request.
 * A token the API no longer accepts ends the web session.
 */
export const getViewer = cache(async (): Promise<Viewer> => {
  const session = await requireSession();
  let me: MeResponse;
  try {
    me = await fetchMe(session.accessToken);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) redirect('/session-expired');
    throw error;
  }
  return { ...me, tenant: await activeMembership({ ...session, memberships: me.memberships }) };
});
