/** Who is calling, as established by the authentication guard. */
export interface Principal {
  userId: string;
  sessionId: string;
  email: string;
}

export interface AuthenticatedRequest {
  principal?: Principal;
}
