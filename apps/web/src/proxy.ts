import { type NextRequest, NextResponse } from 'next/server';
import { readSession } from './server/session';

/** Sends visitors without a valid session to /login, remembering where they wanted to go. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (await readSession(request.cookies.getAll())) return NextResponse.next();
  const loginUrl = request.nextUrl.clone();
  loginUrl.pathname = '/login';
  loginUrl.search = '';
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== '/') loginUrl.searchParams.set('callbackUrl', target);
  return NextResponse.redirect(loginUrl);
}

export const config = {
  // Everything except the public pages (login, set password, password reset), next-auth and health endpoints,
  // build assets and public files.
  matcher: ['/((?!login|ustaw-haslo|nie-pamietam-hasla|api/|_next/|favicon\\.ico|.*\\.[a-z0-9]+$).*)'],
};
