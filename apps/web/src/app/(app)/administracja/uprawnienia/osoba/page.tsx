import type { Metadata } from 'next';
import Link from 'next/link';
import { param } from '../../../../../components/pager';
import { t } from '../../../../../i18n/t';
import { kindsLabel, roleLabel } from '../../../../../lib/access-labels';
import { folderLabel } from '../../../../../lib/folder-label';
import {
  effectivePermissionSchema,
  folderSchema,
  pageOf,
  type User,
  userSchema,
} from '../../../../../server/access/access-schemas';
import { tenantApi } from '../../../../../server/tenant-api';
import { PermissionViews } from '../permission-views';

export const metadata: Metadata = { title: t('admin.grants') };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Permissions by person: the folders a chosen person reaches, as the API's one permission function computes them. */
export default async function PersonAccessPage({ searchParams }: Props) {
  const userId = param(await searchParams, 'user');
  const users = (await tenantApi(pageOf(userSchema), '/v1/users', { query: { pageSize: 200 } })).items;
  const selected = users.find((user) => user.id === userId);
  return (
    <>
      <PermissionViews current="person" />
      <section className="card">
        <form className="filters" method="get" aria-label={t('grants.personAccess')}>
          <div className="field field--wide">
            <label htmlFor="person">{t('grants.person')}</label>
            <select id="person" name="user" defaultValue={selected?.id ?? ''}>
              <option value="" disabled>
                —
              </option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName} ({user.email})
                </option>
              ))}
            </select>
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('grants.personShow')}
            </button>
          </div>
        </form>
      </section>
      {selected ? (
        <PersonFolders user={selected} />
      ) : (
        <section className="card">
          <p className="muted">{t('grants.personPick')}</p>
        </section>
      )}
    </>
  );
}

async function PersonFolders({ user }: { user: User }) {
  const [permissions, folders] = await Promise.all([
    tenantApi(pageOf(effectivePermissionSchema), `/v1/users/${encodeURIComponent(user.id)}/effective-permissions`),
    tenantApi(pageOf(folderSchema), '/v1/folders'),
  ]);
  const byId = new Map(folders.items.map((folder) => [folder.id, folder]));
  const rows = permissions.items
    .map((item) => ({ ...item, label: byId.has(item.folderId) ? folderLabel(byId.get(item.folderId)!) : '—' }))
    .sort((a, b) => a.label.localeCompare(b.label, 'pl') || a.permission.localeCompare(b.permission));
  const seesAll = user.role === 'owner' || user.role === 'admin';
  return (
    <section className="card" aria-labelledby="person-title">
      <h2 id="person-title" className="card__title">
        {t('grants.personTitle', { name: user.displayName })}
      </h2>
      {seesAll ? <p className="muted">{t('grants.personAll', { role: roleLabel(user.role) })}</p> : null}
      {rows.length === 0 ? (
        <p className="muted">{t('grants.personNone')}</p>
      ) : (
        <table className="table" data-testid="person-folders">
          <thead>
            <tr>
              <th>{t('grants.folder')}</th>
              <th>{t('grants.permission')}</th>
              <th>{t('grants.kinds')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.folderId}:${row.permission}`}>
                <td>
                  <Link href={`/administracja/uprawnienia?folder=${row.folderId}`}>{row.label}</Link>
                </td>
                <td>{t(`permission.${row.permission}`)}</td>
                <td>{kindsLabel(row.documentKinds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
