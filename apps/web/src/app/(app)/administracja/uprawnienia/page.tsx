import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, SelectField, SubmitButton } from '../../../../components/forms/action-form';
import { t } from '../../../../i18n/t';
import { folderLabel } from '../../../../lib/folder-label';
import { buildFolderTree, flattenFolderTree } from '../../../../lib/folder-tree';
import { kindLabel, kindsLabel } from '../../../../lib/access-labels';
import {
  DOCUMENT_DIRECTIONS,
  DOCUMENT_KINDS,
  type Folder,
  folderSchema,
  grantSchema,
  groupSchema,
  pageOf,
  userSchema,
} from '../../../../server/access/access-schemas';
import { addGrant, removeGrant } from '../../../../server/access/folder-actions';
import { tenantApi } from '../../../../server/tenant-api';
import { FolderAccess } from './folder-access';
import { PermissionViews } from './permission-views';

export const metadata: Metadata = { title: t('admin.grants') };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GrantsPage({ searchParams }: Props) {
  const params = await searchParams;
  const folders = (await tenantApi(pageOf(folderSchema), '/v1/folders')).items;
  const rows = flattenFolderTree(buildFolderTree(folders));
  const selectedId = typeof params['folder'] === 'string' ? params['folder'] : undefined;
  const selected = folders.find((folder) => folder.id === selectedId);

  return (
    <>
      <PermissionViews current="folder" />
      <div className="split">
        <nav className="card split__side" aria-label={t('grants.chooseFolder')}>
          <h2 className="card__title">{t('grants.chooseFolder')}</h2>
          <ul className="tree">
            {rows.map(({ folder, depth }) => (
              <li key={folder.id} style={{ paddingLeft: `${depth * 1}rem` }}>
                <Link
                  href={`/administracja/uprawnienia?folder=${folder.id}`}
                  className={folder.id === selectedId ? 'tree__link tree__link--active' : 'tree__link'}
                  aria-current={folder.id === selectedId ? 'page' : undefined}
                >
                  {folder.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="split__main">
          {selected ? (
            <FolderGrants folderId={selected.id} folders={folders} />
          ) : (
            <section className="card">
              <p className="muted">{t('grants.pickFolder')}</p>
            </section>
          )}
        </div>
      </div>
    </>
  );
}

async function FolderGrants({ folderId, folders }: { folderId: string; folders: Folder[] }) {
  const title = folderLabel(folders.find((folder) => folder.id === folderId)!);
  const [grants, users, groups] = await Promise.all([
    tenantApi(pageOf(grantSchema), `/v1/folders/${encodeURIComponent(folderId)}/grants`),
    tenantApi(pageOf(userSchema), '/v1/users', { query: { pageSize: 200 } }),
    tenantApi(pageOf(groupSchema), '/v1/groups', { query: { pageSize: 200 } }),
  ]);
  const subjects = [
    ...groups.items.map((group) => ({
      value: `group:${group.id}`,
      label: t('grants.subjectGroup', { name: group.name }),
    })),
    ...users.items.map((user) => ({ value: `user:${user.id}`, label: `${user.displayName} (${user.email})` })),
  ];
  return (
    <>
      <section className="card" aria-labelledby="grants-title">
        <h2 id="grants-title" className="card__title">
          {t('grants.title', { folder: title })}
        </h2>
        {grants.items.length === 0 ? (
          <p className="muted">{t('grants.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('grants.subject')}</th>
                <th>{t('grants.permission')}</th>
                <th>{t('grants.kinds')}</th>
                <th>{t('table.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {grants.items.map((grant) => (
                <tr key={grant.id}>
                  <td>
                    {grant.subject.type === 'group'
                      ? t('grants.subjectGroup', { name: grant.subject.name })
                      : grant.subject.name}
                  </td>
                  <td>{t(`permission.${grant.permission}`)}</td>
                  <td>{kindsLabel(grant.documentKinds)}</td>
                  <td>
                    <ActionForm action={removeGrant.bind(null, folderId, grant.id)} className="inline-form">
                      <SubmitButton variant="ghost">{t('grants.remove')}</SubmitButton>
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3 className="card__subtitle">{t('grants.add')}</h3>
        <ActionForm action={addGrant.bind(null, folderId)} className="form form--grid" label={t('grants.add')}>
          <SelectField name="subject" label={t('grants.subject')} options={subjects} />
          <SelectField
            name="permission"
            label={t('grants.permission')}
            options={[
              { value: 'view', label: t('permission.view') },
              { value: 'handle', label: t('permission.handle') },
            ]}
          />
          <fieldset className="field checks">
            <legend>{t('grants.kindsOptional')}</legend>
            {[...DOCUMENT_DIRECTIONS, ...DOCUMENT_KINDS].map((kind) => (
              <label key={kind} className="check">
                <input type="checkbox" name="documentKinds" value={kind} /> {kindLabel(kind)}
              </label>
            ))}
          </fieldset>
          <div className="form__actions">
            <SubmitButton>{t('grants.addSubmit')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <FolderAccess folderId={folderId} folders={folders} />
    </>
  );
}
