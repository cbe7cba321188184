import type { Metadata } from 'next';
import { ActionForm, Field, SelectField, SubmitButton } from '../../../components/forms/action-form';
import { AddressFields } from '../../../components/forms/address-fields';
import { formatDateTime } from '../../../components/format';
import { Pager, pageParam, param } from '../../../components/pager';
import { t } from '../../../i18n/t';
import { TAXPAYER_STATUSES } from '../../../server/access/access-schemas';
import { operatorCompanies } from '../../../server/access/operator';
import { createCompany } from '../../../server/access/operator-actions';

export const metadata: Metadata = { title: t('operator.title') };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The platform operator's page: every company on the platform, and a form that creates one with its first owner. */
export default async function OperatorPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = param(params, 'q');
  const page = pageParam(params);
  const companies = await operatorCompanies({ q, page, pageSize: PAGE_SIZE });

  return (
    <>
      <h1 className="page-title">{t('operator.title')}</h1>
      <section className="card" aria-labelledby="company-new">
        <h2 id="company-new" className="card__title">
          {t('operator.new')}
        </h2>
        <p className="muted">{t('operator.intro')}</p>
        <ActionForm action={createCompany} label={t('operator.new')}>
          <div className="form form--grid">
            <Field name="nip" label={t('operator.nip')} autoComplete="off" placeholder="526-025-02-74" />
            <Field name="name" label={t('company.name')} autoComplete="off" />
            <Field name="slug" label={t('operator.slug')} autoComplete="off" placeholder="sklepy-krakow" />
            <SelectField
              name="plan"
              label={t('company.plan')}
              defaultValue="full"
              options={(['full', 'demo'] as const).map((plan) => ({ value: plan, label: t(`plan.${plan}`) }))}
            />
            <SelectField
              name="taxpayerStatus"
              label={t('company.taxpayerStatus')}
              defaultValue="active"
              options={TAXPAYER_STATUSES.map((status) => ({ value: status, label: t(`taxpayerStatus.${status}`) }))}
            />
            <Field name="eori" label="EORI" autoComplete="off" />
            <Field name="contactEmail" label={t('company.contactEmail')} type="email" autoComplete="off" />
          </div>
          <AddressFields prefix="registeredAddress" title={t('company.registeredAddress')} />
          <AddressFields prefix="correspondenceAddress" title={t('company.correspondenceAddress')} />
          <fieldset className="fieldset">
            <legend>{t('operator.owner')}</legend>
            <div className="form form--grid">
              <Field name="owner.email" label={t('operator.ownerEmail')} type="email" autoComplete="off" />
              <Field name="owner.displayName" label={t('operator.ownerName')} autoComplete="off" />
            </div>
          </fieldset>
          <div className="form__actions">
            <SubmitButton>{t('operator.submit')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section className="card" aria-labelledby="company-list">
        <h2 id="company-list" className="card__title">
          {t('operator.list')} ({companies.total ?? companies.items.length})
        </h2>
        <form className="filters" method="get" aria-label={t('filters.label')}>
          <div className="field field--wide">
            <label htmlFor="company-q">{t('operator.search')}</label>
            <input id="company-q" name="q" defaultValue={q} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('filters.apply')}
            </button>
          </div>
        </form>
        {companies.items.length === 0 ? (
          <p className="muted">{t('operator.none')}</p>
        ) : (
          <table className="table" data-testid="companies-table">
            <thead>
              <tr>
                <th>{t('company.name')}</th>
                <th>{t('operator.nip')}</th>
                <th>{t('operator.slugColumn')}</th>
                <th>{t('company.plan')}</th>
                <th>{t('company.taxpayerStatus')}</th>
                <th>{t('operator.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {companies.items.map((company) => (
                <tr key={company.id} data-testid={`company-${company.nip}`}>
                  <td>
                    <strong>{company.name}</strong>
                    {company.contactEmail ? <div className="muted small">{company.contactEmail}</div> : null}
                  </td>
                  <td>{company.nip}</td>
                  <td>
                    <code>{company.slug}</code>
                  </td>
                  <td>{t(`plan.${company.plan}`)}</td>
                  <td>{taxpayerStatusLabel(company.taxpayerStatus)}</td>
                  <td>{formatDateTime(company.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager
          basePath="/operator"
          query={{ q }}
          page={page}
          pageSize={companies.pageSize ?? PAGE_SIZE}
          total={companies.total ?? companies.items.length}
        />
      </section>
    </>
  );
}

function taxpayerStatusLabel(status: string): string {
  const known = TAXPAYER_STATUSES.find((candidate) => candidate === status);
  return known ? t(`taxpayerStatus.${known}`) : status;
}
