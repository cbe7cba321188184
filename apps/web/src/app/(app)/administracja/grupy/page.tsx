import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, Field, SubmitButton } from '../../../../components/forms/action-form';
import { t } from '../../../../i18n/t';
import { groupSchema, pageOf } from '../../../../server/access/access-schemas';
import { createGroup } from '../../../../server/access/people-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.groups') };

export default async function GroupsPage() {
  const groups = await tenantApi(pageOf(groupSchema), '/v1/groups', { query: { pageSize: 200 } });
  return (
    <>
      <section className="card" aria-labelledby="new-group">
        <h2 id="new-group" className="card__title">
          {t('groups.new')}
        </h2>
        <ActionForm action={createGroup} className="form form--grid" label={t('groups.new')}>
          <Field name="name" label={t('groups.name')} autoComplete="off" />
          <Field name="description" label={t('groups.description')} autoComplete="off" />
          <div className="form__actions">
            <SubmitButton>{t('groups.create')}</SubmitButton>
          </div>
        </ActionForm>
      </section>
      <section className="card" aria-labelledby="groups-title">
        <h2 id="groups-title" className="card__title">
          {t('admin.groups')} ({groups.items.length})
        </h2>
        {groups.items.length === 0 ? (
          <p className="muted">{t('groups.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('groups.name')}</th>
                <th>{t('groups.description')}</th>
                <th>{t('groups.members')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.items.map((group) => (
                <tr key={group.id}>
                  <td>
                    <Link href={`/administracja/grupy/${group.id}`}>{group.name}</Link>
                  </td>
                  <td>{group.description || '—'}</td>
                  <td>{group.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
