import type { SessionData } from '../server/session';

declare module 'next-auth' {
  interface User {
    /** Set by our Credentials provider on sign-in; copied into the JWT by the jwt callback. */
    bufor?: SessionData;
  }
}
