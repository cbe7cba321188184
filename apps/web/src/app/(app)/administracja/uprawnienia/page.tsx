import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, SelectField, SubmitButton } from '../../../../components/forms/action-form';
import { t } from '../../../../i18n/t';
import { folderLabel } from '../../../../lib/folder-label';
import { buildFolderTree, flattenFolderTree } from '../../../../lib/folder-tree';
import {
  accessSchema,
  DOCUMENT_DIRECTIONS,
  DOCUMENT_KINDS,
  folderSchema,
  grantSchema,
  groupSchema,
  pageOf,
  userSchema,
} from '../../../../server/access/access-schemas';
import { addGrant, removeGrant } from '../../../../server/access/folder-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.grants') };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function kindsLabel(kinds: readonly string[] | null | undefined): string {
  if (!kinds?.length) return t('grants.allKinds');
  return kinds.map((kind) => (kind in KIND_LABELS ? KIND_LABELS[kind as keyof typeof KIND_LABELS] : kind)).join(', ');
}

function roleLabel(role: string): string {
  return role === 'owner' || role === 'admin' || role === 'user' ? t(`role.${role}`) : role;
}

const KIND_LABELS = {
  sales: t('documentDirection.sales'),
  purchase: t('documentDirection.purchase'),
  vat: t('documentKind.vat'),
  correction: t('documentKind.correction'),
  advance: t('documentKind.advance'),
  settlement: t('documentKind.settlement'),
  simplified: t('documentKind.simplified'),
};

export default async function GrantsPage({ searchParams }: Props) {
  const params = await searchParams;
  const folders = (await tenantApi(pageOf(folderSchema), '/v1/folders')).items;
  const rows = flattenFolderTree(buildFolderTree(folders));
  const selectedId = typeof params['folder'] === 'string' ? params['folder'] : undefined;
  const selected = folders.find((folder) => folder.id === selectedId);

  return (
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
          <FolderGrants folderId={selected.id} title={folderLabel(selected)} />
        ) : (
          <section className="card">
            <p className="muted">{t('grants.pickFolder')}</p>
          </section>
        )}
      </div>
    </div>
  );
}

async function FolderGrants({ folderId, title }: { folderId: string; title: string }) {
  const base = `/v1/folders/${encodeURIComponent(folderId)}`;
  const [grants, access, users, groups] = await Promise.all([
    tenantApi(pageOf(grantSchema), `${base}/grants`),
    tenantApi(pageOf(accessSchema), `${base}/access`),
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
                <input type="checkbox" name="documentKinds" value={kind} /> {KIND_LABELS[kind]}
              </label>
            ))}
          </fieldset>
          <div className="form__actions">
            <SubmitButton>{t('grants.addSubmit')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section className="card" aria-labelledby="access-title">
        <h2 id="access-title" className="card__title">
          {t('grants.whoSees')}
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th>{t('users.displayName')}</th>
              <th>{t('grants.permission')}</th>
              <th>{t('grants.via')}</th>
              <th>{t('grants.kinds')}</th>
            </tr>
          </thead>
          <tbody>
            {access.items.map((entry) => (
              <tr key={entry.user.id}>
                <td>
                  {entry.user.displayName} <span className="muted small">{entry.user.email}</span>
                </td>
                <td>{t(`permission.${entry.permission}`)}</td>
                <td>
                  {entry.via
                    .map((via) =>
                      via.type === 'role'
                        ? t('grants.viaRole', { name: roleLabel(via.name) })
                        : via.type === 'group'
                          ? t('grants.subjectGroup', { name: via.name })
                          : t('grants.viaUser'),
                    )
                    .join(', ')}
                </td>
                <td>{kindsLabel(entry.documentKinds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
