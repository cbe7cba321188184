import { cookies } from 'next/headers';

/** Clears next-auth's session cookie when the API rejected its token, then asks the user to log in again. */
export async function GET(): Promise<Response> {
  const jar = await cookies();
  for (const cookie of jar.getAll()) {
    if (cookie.name.includes('next-auth.session-token')) {
      jar.set(cookie.name, '', { maxAge: 0, path: '/', secure: cookie.name.startsWith('__Secure-') });
    }
  }
  // A relative Location keeps the user on whatever host they came through.
  return new Response(null, { status: 303, headers: { location: '/login?expired=1' } });
}
