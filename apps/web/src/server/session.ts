import { decode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { apiUserSchema, type Membership, membershipSchema } from './api-schemas';
import { webConfig } from './web-config';

/** What the web server keeps in the encrypted next-auth cookie; the API token never reaches client JS. */
export const sessionTokenSchema = z.object({
  user: apiUserSchema,
  memberships: z.array(membershipSchema),
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.iso.datetime({ offset: true }),
  /** Checked once at sign-in, only to show the operator's menu item; the API checks every operator call itself. */
  isPlatformOperator: z.boolean().default(false),
});
export type SessionData = z.output<typeof sessionTokenSchema>;

export const TENANT_COOKIE = 'bufor.tenant';

export function secureCookies(): boolean {
  return webConfig().NEXTAUTH_URL.startsWith('https://');
}

function sessionCookieName(): string {
  return `${secureCookies() ? '__Secure-' : ''}next-auth.session-token`;
}

type CookieLike = { name: string; value: string };

/** Reassembles next-auth's (possibly chunked) session cookie and returns its contents, or null when absent/invalid/expired. */
export async function readSession(cookieList: CookieLike[]): Promise<SessionData | null> {
  const name = sessionCookieName();
  const chunks = cookieList
    .filter((cookie) => cookie.name === name || cookie.name.startsWith(`${name}.`))
    .sort((a, b) => chunkIndex(a.name) - chunkIndex(b.name));
  if (chunks.length === 0) return null;
  try {
    const payload = await decode({
      token: chunks.map((cookie) => cookie.value).join(''),
      secret: webConfig().NEXTAUTH_SECRET,
    });
    const parsed = sessionTokenSchema.safeParse(payload);
    if (!parsed.success) return null;
    // The API token's expiry ends the web session too, whatever the cookie's own lifetime says.
    if (Date.parse(parsed.data.accessTokenExpiresAt) <= Date.now()) return null;
    return parsed.data;
  } catch {
    // A cookie from another secret or a tampered one: treat as logged out.
    return null;
  }
}

function chunkIndex(cookieName: string): number {
  const suffix = /\.(\d+)$/.exec(cookieName);
  return suffix ? Number(suffix[1]) : -1;
}

/** The current request's session (server components, actions); memoised per request. */
export const getSession = cache(async (): Promise<SessionData | null> => readSession((await cookies()).getAll()));

export async function requireSession(): Promise<SessionData> {
  const session = await getSession();
  if (!session) redirect('/login');
  return session;
}

/** The tenant the user works in now: the one chosen in the switcher if still theirs, else the first membership. */
export async function activeMembership(session: SessionData): Promise<Membership | undefined> {
  const chosen = (await cookies()).get(TENANT_COOKIE)?.value;
  return session.memberships.find((membership) => membership.tenantId === chosen) ?? session.memberships[0];
}
