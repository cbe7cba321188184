import type { Metadata } from 'next';
import { ActionForm, Field, SelectField, SubmitButton } from '../../../../components/forms/action-form';
import { t } from '../../../../i18n/t';
import { type Tenant, tenantSchema } from '../../../../server/access/access-schemas';
import { updateCompany } from '../../../../server/access/integration-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('settings.company') };

const TAXPAYER_STATUSES = ['active', 'bankruptcy', 'liquidation', 'restructuring', 'suspended'] as const;
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
        <AddressFields prefix="registeredAddress" title={t('company.registeredAddress')} tenant={tenant} />
        <AddressFields prefix="correspondenceAddress" title={t('company.correspondenceAddress')} tenant={tenant} />
        <div className="form__actions">
          <SubmitButton>{t('form.save')}</SubmitButton>
        </div>
      </ActionForm>
    </section>
  );
}

function AddressFields({
  prefix,
  title,
  tenant,
}: {
  prefix: 'registeredAddress' | 'correspondenceAddress';
  title: string;
  tenant: Tenant;
}) {
  const address = tenant[prefix];
  return (
    <fieldset className="fieldset">
      <legend>{title}</legend>
      <div className="form form--grid">
        <Field name={`${prefix}.line1`} label={t('company.line1')} defaultValue={address?.line1 ?? ''} />
        <Field name={`${prefix}.line2`} label={t('company.line2')} defaultValue={address?.line2 ?? ''} />
        <Field name={`${prefix}.postalCode`} label={t('company.postalCode')} defaultValue={address?.postalCode ?? ''} />
        <Field name={`${prefix}.city`} label={t('company.city')} defaultValue={address?.city ?? ''} />
        <Field
          name={`${prefix}.countryCode`}
          label={t('company.countryCode')}
          defaultValue={address?.countryCode ?? 'PL'}
        />
      </div>
    </fieldset>
  );
}
