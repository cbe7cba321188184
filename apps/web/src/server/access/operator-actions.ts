'use server';

import { revalidatePath } from 'next/cache';
import { t } from '../../i18n/t';
import { addressFrom, type FormState, optionalText, runFormAction, text } from '../form-state';
import { tenantApi } from '../tenant-api';
import { operatorTenantSchema } from './access-schemas';

/** The operator creates a company; the API checks the NIP, the portal address and invites the first owner. */
export async function createCompany(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const registeredAddress = addressFrom(data, 'registeredAddress');
    const correspondenceAddress = addressFrom(data, 'correspondenceAddress');
    const created = await tenantApi(operatorTenantSchema, '/v1/operator/tenants', {
      method: 'POST',
      noTenant: true,
      body: {
        nip: text(data, 'nip'),
        name: text(data, 'name'),
        slug: optionalText(data, 'slug'),
        plan: text(data, 'plan'),
        contactEmail: optionalText(data, 'contactEmail'),
        eori: optionalText(data, 'eori'),
        taxpayerStatus: text(data, 'taxpayerStatus'),
        ...(registeredAddress ? { registeredAddress } : {}),
        ...(correspondenceAddress ? { correspondenceAddress } : {}),
        owner: { email: text(data, 'owner.email'), displayName: text(data, 'owner.displayName') },
      },
    });
    revalidatePath('/operator');
    return t('operator.created', { name: created.name, slug: created.slug ?? '' });
  });
}
