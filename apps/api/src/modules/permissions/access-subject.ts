import type { RequestContext } from '../tenancy/request-context';
import { isTenantAdmin } from '../tenancy/request-context';

/**
 * Whose permissions a query applies: owners and admins see everything; a user sees what their grants give;
 * anything else (an integration key) sees no documents through the people's endpoints.
 */
export type AccessSubject = { kind: 'all' } | { kind: 'user'; userId: string } | { kind: 'none' };

export function accessSubjectOf(ctx: RequestContext): AccessSubject {
  if (isTenantAdmin(ctx)) return { kind: 'all' };
  if (ctx.role === 'user' && ctx.userId) return { kind: 'user', userId: ctx.userId };
  return { kind: 'none' };
}
