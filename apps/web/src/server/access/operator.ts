import { notFound } from 'next/navigation';
import { ApiError } from '../api-client';
import { requireSession } from '../session';
import { tenantApi } from '../tenant-api';
import { operatorTenantSchema, pageOf } from './access-schemas';

export interface CompanyQuery {
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The operator's list of companies. A person who is not a platform operator gets "not found", like any page they
 * may not see: the session flag spares them the API call, the API's 403 covers a flag that is out of date.
 */
export async function operatorCompanies(query: CompanyQuery) {
  const session = await requireSession();
  if (!session.isPlatformOperator) notFound();
  try {
    return await tenantApi(pageOf(operatorTenantSchema), '/v1/operator/tenants', {
      noTenant: true,
      query: { q: query.q, page: query.page, pageSize: query.pageSize },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) notFound();
    throw error;
  }
}
