import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { ApiError, callApi, fetchApi } from './api-client';
import { activeMembership, requireSession } from './session';

type Query = Record<string, string | number | undefined | null>;

export interface TenantCall {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Platform routes (the operator's): no company is chosen for them. */
  noTenant?: boolean;
}

/**
 * A call to the API on behalf of the logged-in user in the company chosen in the tenant switcher (X-Tenant-Id).
 * Runs only on the server: the API token comes from the encrypted session cookie and never reaches the browser.
 */
export async function tenantApi<T>(schema: z.ZodType<T>, path: string, call: TenantCall = {}): Promise<T> {
  const body = await tenantApiRaw(path, call);
  return schema.parse(body);
}

/** The session's bearer token and, unless the route is a platform one, the chosen company. */
async function sessionHeaders(noTenant = false): Promise<Record<string, string>> {
  const session = await requireSession();
  const tenant = await activeMembership(session);
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}` };
  if (tenant && !noTenant) headers['x-tenant-id'] = tenant.tenantId;
  return headers;
}

export async function tenantApiRaw(path: string, call: TenantCall = {}): Promise<unknown> {
  const headers = await sessionHeaders(call.noTenant);
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await callApi(withQuery(path, call.query), {
      method: call.method ?? 'GET',
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
  } catch (error) {
    // The API no longer accepts the token (expired or revoked): end the web session too.
    if (error instanceof ApiError && error.status === 401) redirect('/session-expired');
    throw error;
  }
}

/**
 * A file from the API (a document's PDF) for the logged-in user in the chosen company, returned as the API sent it
 * (status, type, disposition, bytes) so a route handler can pass it on; the token stays on the server.
 */
export async function tenantApiFile(path: string): Promise<Response> {
  const response = await fetchApi(path, { headers: await sessionHeaders() });
  if (response.status === 401) redirect('/session-expired');
  return response;
}

/** A public API call (set password, password reset): no session, no tenant. */
export async function publicApi(path: string, body: unknown): Promise<unknown> {
  return callApi(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
