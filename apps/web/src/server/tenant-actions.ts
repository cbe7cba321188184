'use server';

import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { requireSession, secureCookies, TENANT_COOKIE } from './session';

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** Remembers the company the user chose; ignored unless it is one of their memberships. */
export async function switchTenant(formData: FormData): Promise<void> {
  const session = await requireSession();
  const tenantId = formData.get('tenantId');
  if (typeof tenantId !== 'string' || !session.memberships.some((membership) => membership.tenantId === tenantId))
    return;
  (await cookies()).set(TENANT_COOKIE, tenantId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
  });
  revalidatePath('/', 'layout');
}
