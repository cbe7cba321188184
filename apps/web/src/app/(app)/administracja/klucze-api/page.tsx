import type { Metadata } from 'next';
import { ActionForm, Field, SubmitButton } from '../../../../components/forms/action-form';
import { SecretOnce } from '../../../../components/forms/secret-once';
import { formatDateTime } from '../../../../components/format';
import { t } from '../../../../i18n/t';
import { apiKeySchema, pageOf } from '../../../../server/access/access-schemas';
import { createApiKey, revokeApiKey } from '../../../../server/access/integration-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.apiKeys') };

/** Scopes an integration key may carry (docs/access-api.md: integration endpoints come next). */
const SCOPES = ['invoices:write', 'invoices:read', 'purchases:read'] as const;

export default async function ApiKeysPage() {
  const keys = await tenantApi(pageOf(apiKeySchema), '/v1/api-keys');
  return (
    <>
      <section className="card" aria-labelledby="new-key">
        <h2 id="new-key" className="card__title">
          {t('apiKeys.new')}
        </h2>
        <ActionForm action={createApiKey} className="form form--grid" label={t('apiKeys.new')}>
          <Field name="name" label={t('apiKeys.name')} autoComplete="off" />
          <Field name="expiresAt" label={t('apiKeys.expiresAt')} type="date" />
          <fieldset className="field checks">
            <legend>{t('apiKeys.scopes')}</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className="check">
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'invoices:write'} />{' '}
                {scope}
              </label>
            ))}
          </fieldset>
          <div className="form__actions">
            <SubmitButton>{t('apiKeys.create')}</SubmitButton>
          </div>
          <SecretOnce />
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title" className="card__title">
          {t('admin.apiKeys')}
        </h2>
        {keys.items.length === 0 ? (
          <p className="muted">{t('apiKeys.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('apiKeys.name')}</th>
                <th>{t('apiKeys.prefix')}</th>
                <th>{t('apiKeys.scopes')}</th>
                <th>{t('apiKeys.createdAt')}</th>
                <th>{t('apiKeys.lastUsedAt')}</th>
                <th>{t('apiKeys.expiresAt')}</th>
                <th>{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.items.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'row--off' : undefined}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>{formatDateTime(key.lastUsedAt)}</td>
                  <td>{formatDateTime(key.expiresAt)}</td>
                  <td>
                    {key.revokedAt ? (
                      <span className="status status--disabled">
                        {t('apiKeys.revokedAt', { at: formatDateTime(key.revokedAt) })}
                      </span>
                    ) : (
                      <ActionForm
                        action={revokeApiKey.bind(null, key.id)}
                        className="inline-form"
                        confirm={t('apiKeys.revokeConfirm', { name: key.name })}
                      >
                        <SubmitButton variant="danger">{t('apiKeys.revoke')}</SubmitButton>
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
