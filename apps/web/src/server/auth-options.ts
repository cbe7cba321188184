import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { isPlatformOperator, login, logout } from './api-client';
import { LOGIN_ERROR_PREFIX, loginErrorMessage } from './login-error';
import { type SessionData, secureCookies, sessionTokenSchema } from './session';
import { webConfig } from './web-config';

/** The API's default token lifetime; the session never outlives the API token (see readSession). */
const SESSION_MAX_AGE_SECONDS = 8 * 3600;

export function authOptions(): NextAuthOptions {
  return {
    secret: webConfig().NEXTAUTH_SECRET,
    useSecureCookies: secureCookies(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Bufor',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const email = credentials?.email.trim() ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return null;
          try {
            const result = await login(email, password);
            const data: SessionData = {
              user: result.user,
              memberships: result.memberships,
              accessToken: result.accessToken,
              accessTokenExpiresAt: result.expiresAt,
              isPlatformOperator: await isPlatformOperator(result.accessToken),
            };
            return { id: result.user.id, email: result.user.email, name: result.user.displayName, bufor: data };
          } catch (error) {
            // next-auth passes the message to signIn()'s result; the form shows it.
            throw new Error(LOGIN_ERROR_PREFIX + loginErrorMessage(error), { cause: error });
          }
        },
      }),
    ],
    events: {
      // Signing out of the web also revokes the API token, so a copied cookie stops working at once.
      async signOut({ token }) {
        const parsed = sessionTokenSchema.safeParse(token);
        if (!parsed.success) return;
        await logout(parsed.data.accessToken).catch((error: unknown) => {
          console.warn('API logout failed', error instanceof Error ? error.message : error);
        });
      },
    },
    callbacks: {
      jwt({ token, user }) {
        // On sign-in, keep the API session in the encrypted cookie; later calls return it unchanged.
        if (user && 'bufor' in user) return { ...token, ...sessionTokenSchema.parse(user.bufor) };
        return token;
      },
      session({ session }) {
        // The session endpoint is readable by client JS: expose nothing beyond the name, never the API token.
        return {
          expires: session.expires,
          user: { name: session.user?.name ?? null, email: session.user?.email ?? null },
        };
      },
    },
  };
}
