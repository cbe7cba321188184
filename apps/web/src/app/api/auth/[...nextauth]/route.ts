import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '../../../../server/auth-options';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options are built per request (not at import), so `next build` never needs the runtime secrets.
function handler(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
