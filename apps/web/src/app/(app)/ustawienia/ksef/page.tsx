import type { Metadata } from 'next';
import { ActionForm, Field, SubmitButton } from '../../../../components/forms/action-form';
import { formatDate, formatDateTime } from '../../../../components/format';
import { t } from '../../../../i18n/t';
import {
  type Connection,
  connectionSchema,
  type KsefCredentialItem,
  ksefCredentialListSchema,
} from '../../../../server/access/access-schemas';
import {
  deleteKsefCredentials,
  saveKsefCertificate,
  saveKsefToken,
  testKsefConnection,
} from '../../../../server/access/integration-actions';
import { tenantApi } from '../../../../server/tenant-api';
import { ExternalSigning } from './external-signing';

export const metadata: Metadata = { title: t('settings.ksef') };

export default async function KsefPage() {
  const connection = await tenantApi(connectionSchema, '/v1/ksef/connection');
  // The lists come from KSeF itself: without working credentials there is nothing to list.
  const [tokens, certificates] = connection.method
    ? await Promise.all([
        tenantApi(ksefCredentialListSchema, '/v1/ksef/tokens').catch(() => null),
        tenantApi(ksefCredentialListSchema, '/v1/ksef/certificates').catch(() => null),
      ])
    : [null, null];

  return (
    <>
      <ConnectionPanel connection={connection} />
      <section className="card" aria-labelledby="ksef-method">
        <h2 id="ksef-method" className="card__title">
          {t('ksef.method')}
        </h2>
        <p className="muted">{t('ksef.methodIntro')}</p>
        <div className="grid grid--3">
          <div className="panel">
            <h3 className="card__subtitle">{t('ksef.method.token')}</h3>
            <ActionForm action={saveKsefToken} label={t('ksef.method.token')}>
              <Field name="token" label={t('ksef.token')} type="password" autoComplete="off" />
              <SubmitButton>{t('ksef.saveToken')}</SubmitButton>
            </ActionForm>
          </div>
          <div className="panel">
            <h3 className="card__subtitle">{t('ksef.method.certificate')}</h3>
            <ActionForm action={saveKsefCertificate} label={t('ksef.method.certificate')}>
              <Field name="certificatePem" label={t('ksef.certificateFile')} type="file" accept=".crt,.cer,.pem,.der" />
              <Field name="privateKeyPem" label={t('ksef.keyFile')} type="file" accept=".key,.pem,.der" />
              <Field name="privateKeyPassword" label={t('ksef.keyPassword')} type="password" autoComplete="off" />
              <SubmitButton>{t('ksef.saveCertificate')}</SubmitButton>
            </ActionForm>
          </div>
          <div className="panel">
            <h3 className="card__subtitle">{t('ksef.method.external_signature')}</h3>
            <ExternalSigning />
          </div>
        </div>
        {connection.method ? (
          <ActionForm action={deleteKsefCredentials} confirm={t('ksef.deleteConfirm')}>
            <SubmitButton variant="danger">{t('ksef.delete')}</SubmitButton>
          </ActionForm>
        ) : null}
      </section>
      <div className="grid">
        <CredentialList title={t('ksef.tokens')} list={tokens?.items} />
        <CredentialList title={t('ksef.certificates')} list={certificates?.items} />
      </div>
    </>
  );
}

function ConnectionPanel({ connection }: { connection: Connection }) {
  return (
    <section className="card" aria-labelledby="ksef-status">
      <h2 id="ksef-status" className="card__title">
        {t('ksef.status')}
      </h2>
      <dl className="facts facts--wide">
        <div>
          <dt>{t('ksef.state')}</dt>
          <dd>
            <span
              className={connection.active ? 'status status--active' : 'status status--disabled'}
              data-testid="ksef-active"
            >
              {connection.active ? t('ksef.active') : t('ksef.inactive')}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('company.ksefEnvironment')}</dt>
          <dd>{connection.environment}</dd>
        </div>
        <div>
          <dt>{t('ksef.method')}</dt>
          <dd>{connection.method ? t(`ksef.method.${connection.method}`) : t('ksef.noMethod')}</dd>
        </div>
        <div>
          <dt>{t('ksef.expiresAt')}</dt>
          <dd>{formatDate(connection.expiresAt)}</dd>
        </div>
        <div>
          <dt>{t('ksef.lastSuccess')}</dt>
          <dd>{formatDateTime(connection.lastSuccessAt)}</dd>
        </div>
        <div>
          <dt>{t('ksef.lastError')}</dt>
          <dd className={connection.lastError ? 'text-error' : undefined}>
            {connection.lastError ? `${connection.lastError} (${formatDateTime(connection.lastErrorAt)})` : '—'}
          </dd>
        </div>
        {Object.entries(connection.details).map(([key, value]) => (
          <div key={key}>
            <dt>{DETAIL_LABELS[key] ?? key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ActionForm action={testKsefConnection} label={t('ksef.test')}>
        <SubmitButton>{t('ksef.test')}</SubmitButton>
      </ActionForm>
    </section>
  );
}

/** Labels of the connection's non-secret facts (certificate subject and serial, token description). */
const DETAIL_LABELS: Record<string, string> = {
  subject: t('ksef.detail.subject'),
  serialNumber: t('ksef.detail.serialNumber'),
  description: t('ksef.detail.description'),
  tokenReference: t('ksef.detail.tokenReference'),
};

function describe(item: KsefCredentialItem): string {
  for (const key of ['description', 'name', 'commonName', 'certificateName', 'referenceNumber', 'serialNumber', 'id']) {
    const value = item[key];
    if (typeof value === 'string' && value) return value;
  }
  return '—';
}

function CredentialList({ title, list }: { title: string; list: KsefCredentialItem[] | undefined }) {
  return (
    <section className="card">
      <h2 className="card__title">{title}</h2>
      {!list ? (
        <p className="muted">{t('ksef.listUnavailable')}</p>
      ) : list.length === 0 ? (
        <p className="muted">{t('ksef.listEmpty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('ksef.itemName')}</th>
              <th>{t('ksef.itemStatus')}</th>
              <th>{t('ksef.expiresAt')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((item, index) => (
              <tr key={index}>
                <td>{describe(item)}</td>
                <td>{typeof item['status'] === 'string' ? item['status'] : '—'}</td>
                <td>
                  <span className={`expiry expiry--${item.expiry}`}>
                    {formatDate(item.expiresAt)} · {t(`ksef.expiry.${item.expiry}`)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
