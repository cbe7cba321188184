import {
  type LoginResponse,
  loginResponseSchema,
  type MeResponse,
  meResponseSchema,
  problemSchema,
} from './api-schemas';
import { webConfig } from './web-config';

/** A failed API call, carrying what the UI may show: the API's Polish `detail` and its error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly correlationId: string | undefined,
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(
      `API responded ${status}${code ? ` ${code}` : ''}${correlationId ? ` (correlationId ${correlationId})` : ''}`,
    );
    this.name = 'ApiError';
  }
}

const TIMEOUT_MS = 10_000;

/** The raw response of one API call (no status check): for callApi and for files passed through to the browser. */
export function fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
  const url = new URL(path.replace(/^\//, ''), webConfig().API_INTERNAL_URL.replace(/\/?$/, '/'));
  return fetch(url, { ...init, cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
}

export async function callApi(path: string, init: RequestInit): Promise<unknown> {
  const response = await fetchApi(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  if (response.status === 204) return undefined;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = problemSchema.safeParse(body);
    const fields = problem.success ? problem.data : {};
    throw new ApiError(response.status, fields.code, fields.detail, fields.correlationId, fields.errors ?? []);
  }
  return body;
}

export async function login(email: string, password: string): Promise<LoginResponse> {
  const body = await callApi('/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return loginResponseSchema.parse(body);
}

export async function fetchMe(accessToken: string): Promise<MeResponse> {
  const body = await callApi('/v1/me', { method: 'GET', headers: { authorization: `Bearer ${accessToken}` } });
  return meResponseSchema.parse(body);
}

/** Ends the API session behind a web session (best effort: the web session ends either way). */
export async function logout(accessToken: string): Promise<void> {
  await callApi('/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
}

/**
 * Whether the person is a platform operator: the operator's company list answers them and refuses everyone else.
 * Any failure counts as "no" (sign-in must not fail over a menu item; the operator page asks the API again).
 */
export async function isPlatformOperator(accessToken: string): Promise<boolean> {
  try {
    await callApi('/v1/operator/tenants?pageSize=1', {
      method: 'GET',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return true;
  } catch {
    return false;
  }
}
