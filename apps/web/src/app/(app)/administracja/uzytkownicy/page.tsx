import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, Field, SelectField, SubmitButton } from '../../../../components/forms/action-form';
import { formatDateTime } from '../../../../components/format';
import { t } from '../../../../i18n/t';
import { groupSchema, pageOf, userSchema } from '../../../../server/access/access-schemas';
import { inviteUser, resendInvitation, updateUser } from '../../../../server/access/people-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.users') };

const ROLE_OPTIONS = (['user', 'admin', 'owner'] as const).map((role) => ({ value: role, label: t(`role.${role}`) }));

export default async function UsersPage() {
  const [users, groups] = await Promise.all([
    tenantApi(pageOf(userSchema), '/v1/users', { query: { pageSize: 200 } }),
    tenantApi(pageOf(groupSchema), '/v1/groups', { query: { pageSize: 200 } }),
  ]);
  return (
    <>
      <section className="card" aria-labelledby="invite-title">
        <h2 id="invite-title" className="card__title">
          {t('users.invite')}
        </h2>
        <ActionForm action={inviteUser} className="form form--grid" label={t('users.invite')}>
          <Field name="email" label={t('users.email')} type="email" autoComplete="off" />
          <Field name="displayName" label={t('users.displayName')} autoComplete="off" />
          <SelectField name="role" label={t('users.role')} options={ROLE_OPTIONS} defaultValue="user" />
          {groups.items.length ? (
            <fieldset className="field checks">
              <legend>{t('users.groups')}</legend>
              {groups.items.map((group) => (
                <label key={group.id} className="check">
                  <input type="checkbox" name="groupIds" value={group.id} /> {group.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="form__actions">
            <SubmitButton>{t('users.inviteSubmit')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title" className="card__title">
          {t('admin.users')} ({users.items.length})
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th>{t('users.displayName')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.status')}</th>
              <th>{t('users.groups')}</th>
              <th>{t('users.lastLogin')}</th>
              <th>{t('table.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.items.map((user) => (
              <tr key={user.id} data-testid={`user-${user.email}`}>
                <td>
                  <strong>{user.displayName}</strong>
                  <div className="muted small">{user.email}</div>
                </td>
                <td>
                  <ActionForm
                    action={updateUser.bind(null, user.id)}
                    className="inline-form"
                    label={t('users.changeRole')}
                  >
                    <select name="role" defaultValue={user.role} aria-label={t('users.role')}>
                      {ROLE_OPTIONS.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <SubmitButton variant="ghost">{t('users.changeRole')}</SubmitButton>
                  </ActionForm>
                </td>
                <td>
                  <span className={`status status--${user.status}`}>{t(`userStatus.${user.status}`)}</span>
                </td>
                <td>{user.groups.map((group) => group.name).join(', ') || '—'}</td>
                <td>{formatDateTime(user.lastLoginAt)}</td>
                <td>
                  <div className="actions">
                    <ActionForm action={updateUser.bind(null, user.id)} className="inline-form">
                      <input type="hidden" name="disabled" value={user.status === 'disabled' ? 'false' : 'true'} />
                      <SubmitButton variant={user.status === 'disabled' ? 'ghost' : 'danger'}>
                        {user.status === 'disabled' ? t('users.enable') : t('users.disable')}
                      </SubmitButton>
                    </ActionForm>
                    {user.status === 'invited' ? (
                      <ActionForm action={resendInvitation.bind(null, user.id)} className="inline-form">
                        <SubmitButton variant="ghost">{t('users.resend')}</SubmitButton>
                      </ActionForm>
                    ) : null}
                    <Link
                      href={`/administracja/uprawnienia/osoba?user=${encodeURIComponent(user.id)}`}
                      className="button button--ghost"
                    >
                      {t('users.folders')}
                    </Link>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
