import type { Metadata } from 'next';
import { ActionForm, Field, SelectField, SubmitButton } from '../../../../components/forms/action-form';
import { AddressFields } from '../../../../components/forms/address-fields';
import { t } from '../../../../i18n/t';
import { TAXPAYER_STATUSES, tenantSchema } from '../../../../server/access/access-schemas';
import { updateCompany } from '../../../../server/access/integration-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('settings.company') };

const ENVIRONMENTS = ['SIM', 'TEST', 'DEMO', 'PRD'] as const;

export default async function CompanyPage() {
  const tenant = await tenantApi(tenantSchema, '/v1/tenant');
  return (
    <section className="card" aria-labelledby="company-title">
      <h2 id="company-title" className="card__title">
        {t('settings.company')}
      </h2>
      <dl className="facts">
        <div>
          <dt>NIP</dt>
          <dd>{tenant.nip}</dd>
        </div>
        <div>
          <dt>{t('company.plan')}</dt>
          <dd>{t(`plan.${tenant.plan}`)}</dd>
        </div>
      </dl>
      <ActionForm action={updateCompany} label={t('settings.company')}>
        <div className="form form--grid">
          <Field name="name" label={t('company.name')} defaultValue={tenant.name} />
          <Field
            name="contactEmail"
            label={t('company.contactEmail')}
            type="email"
            defaultValue={tenant.contactEmail ?? ''}
          />
          <Field name="eori" label="EORI" defaultValue={tenant.eori ?? ''} />
          <SelectField
            name="taxpayerStatus"
            label={t('company.taxpayerStatus')}
            defaultValue={tenant.taxpayerStatus}
            options={TAXPAYER_STATUSES.map((status) => ({ value: status, label: t(`taxpayerStatus.${status}`) }))}
          />
          <SelectField
            name="ksefEnvironment"
            label={t('company.ksefEnvironment')}
            defaultValue={tenant.ksefEnvironment}
            options={ENVIRONMENTS.filter((env) => env !== 'PRD' || tenant.plan !== 'demo').map((env) => ({
              value: env,
              label: t(`ksefEnvironment.${env}`),
            }))}
          />
        </div>
        <AddressFields
          prefix="registeredAddress"
          title={t('company.registeredAddress')}
          address={tenant.registeredAddress}
        />
        <AddressFields
          prefix="correspondenceAddress"
          title={t('company.correspondenceAddress')}
          address={tenant.correspondenceAddress}
        />
        <div className="form__actions">
          <SubmitButton>{t('form.save')}</SubmitButton>
        </div>
      </ActionForm>
    </section>
  );
}
