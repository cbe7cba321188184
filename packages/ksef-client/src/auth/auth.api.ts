import {
  type AuthenticationChallengeResponse,
  type AuthenticationInitResponse,
  type AuthenticationListResponse,
  type AuthenticationOperationStatusResponse,
  type AuthenticationTokenRefreshResponse,
  type AuthenticationTokensResponse,
  type InitTokenAuthenticationRequest,
} from '../generated/ksef-api.models';
import { type KsefHttpClient } from '../http/ksef-http.client';

/** Thin typed wrappers of the `/auth` endpoints. */
export class AuthApi {
  constructor(private readonly http: KsefHttpClient) {}

  async challenge(): Promise<AuthenticationChallengeResponse> {
    // A fresh challenge is harmless to request twice.
    const res = await this.http.request<AuthenticationChallengeResponse>({
      method: 'POST',
      path: '/auth/challenge',
      safeToRetry: true,
    });
    return res.data;
  }

  async ksefToken(body: InitTokenAuthenticationRequest): Promise<AuthenticationInitResponse> {
    return (
      await this.http.request<AuthenticationInitResponse>({ method: 'POST', path: '/auth/ksef-token', json: body })
    ).data;
  }

  async xadesSignature(
    signedXml: string | Uint8Array,
    verifyCertificateChain?: boolean,
  ): Promise<AuthenticationInitResponse> {
    const res = await this.http.request<AuthenticationInitResponse>({
      method: 'POST',
      path: '/auth/xades-signature',
      query: { verifyCertificateChain },
      body: signedXml,
      contentType: 'application/xml',
    });
    return res.data;
  }

  async status(referenceNumber: string, authenticationToken: string): Promise<AuthenticationOperationStatusResponse> {
    const res = await this.http.request<AuthenticationOperationStatusResponse>({
      method: 'GET',
      path: '/auth/{referenceNumber}',
      params: { referenceNumber },
      bearer: authenticationToken,
    });
    return res.data;
  }

  /** One-shot: never retried automatically (a second redeem fails with 21301). */
  async redeem(authenticationToken: string): Promise<AuthenticationTokensResponse> {
    const res = await this.http.request<AuthenticationTokensResponse>({
      method: 'POST',
      path: '/auth/token/redeem',
      bearer: authenticationToken,
    });
    return res.data;
  }

  async refresh(refreshToken: string): Promise<AuthenticationTokenRefreshResponse> {
    // The refresh token is not rotated, so repeating a refresh is harmless.
    const res = await this.http.request<AuthenticationTokenRefreshResponse>({
      method: 'POST',
      path: '/auth/token/refresh',
      bearer: refreshToken,
      safeToRetry: true,
    });
    return res.data;
  }

  async listSessions(
    accessToken: string,
    context: string,
    pageSize?: number,
    continuationToken?: string,
  ): Promise<AuthenticationListResponse> {
    const res = await this.http.request<AuthenticationListResponse>({
      method: 'GET',
      path: '/auth/sessions',
      query: { pageSize },
      headers: continuationToken ? { 'x-continuation-token': continuationToken } : {},
      bearer: accessToken,
      context,
    });
    return res.data;
  }

  async revokeCurrent(token: string, context: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: '/auth/sessions/current',
      bearer: token,
      context,
      responseType: 'none',
    });
  }

  async revoke(referenceNumber: string, accessToken: string, context: string): Promise<void> {
    await this.http.request({
      method: 'DELETE',
      path: '/auth/sessions/{referenceNumber}',
      params: { referenceNumber },
      bearer: accessToken,
      context,
      responseType: 'none',
    });
  }
}
