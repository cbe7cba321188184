import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm, Field, SelectField, SubmitButton } from '../../../../components/forms/action-form';
import { t } from '../../../../i18n/t';
import { folderLabel } from '../../../../lib/folder-label';
import { buildFolderTree, flattenFolderTree, subtreeIds } from '../../../../lib/folder-tree';
import { folderSchema, pageOf } from '../../../../server/access/access-schemas';
import { createFolder, deleteFolder, moveFolder, renameFolder } from '../../../../server/access/folder-actions';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.folders') };

export default async function FoldersPage() {
  const folders = (await tenantApi(pageOf(folderSchema), '/v1/folders')).items;
  const rows = flattenFolderTree(buildFolderTree(folders));
  const parentOptions = [
    { value: '', label: t('folders.topLevel') },
    ...rows
      .filter((row) => !row.folder.systemKey)
      .map((row) => ({ value: row.folder.id, label: folderLabel(row.folder) })),
  ];

  return (
    <>
      <section className="card" aria-labelledby="new-folder">
        <h2 id="new-folder" className="card__title">
          {t('folders.new')}
        </h2>
        <ActionForm action={createFolder} className="form form--grid" label={t('folders.new')}>
          <Field name="name" label={t('folders.name')} autoComplete="off" />
          <SelectField name="parentId" label={t('folders.parent')} options={parentOptions} defaultValue="" />
          <div className="form__actions">
            <SubmitButton>{t('folders.create')}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section className="card" aria-labelledby="folder-tree">
        <h2 id="folder-tree" className="card__title">
          {t('folders.tree')}
        </h2>
        <ul className="tree-table" role="tree" aria-labelledby="folder-tree">
          {rows.map(({ folder, depth }) => {
            const blocked = subtreeIds(folders, folder.id);
            const moveTargets = parentOptions.filter((option) => !blocked.has(option.value));
            const documentTargets = rows
              .filter((row) => row.folder.id !== folder.id && !blocked.has(row.folder.id))
              .map((row) => ({ value: row.folder.id, label: folderLabel(row.folder) }));
            return (
              <li key={folder.id} role="treeitem" aria-level={depth + 1} aria-selected={false} className="tree-row">
                <div className="tree-row__head" style={{ paddingLeft: `${depth * 1.5}rem` }}>
                  <span className="tree-row__name" data-testid="folder-name">
                    {folder.name}
                  </span>
                  {folder.systemKey ? <span className="badge">{t('folders.system')}</span> : null}
                  <span className="muted small">{t('folders.documentCount', { count: folder.documentCount })}</span>
                  <Link className="small" href={`/administracja/uprawnienia?folder=${folder.id}`}>
                    {t('admin.grants')}
                  </Link>
                </div>
                {folder.systemKey ? null : (
                  <details className="tree-row__edit" style={{ marginLeft: `${depth * 1.5}rem` }}>
                    <summary>{t('folders.editSummary', { name: folder.name })}</summary>
                    <div className="tree-row__forms">
                      <ActionForm
                        action={renameFolder.bind(null, folder.id)}
                        className="inline-form"
                        label={t('folders.rename')}
                      >
                        <input name="name" defaultValue={folder.name} aria-label={t('folders.name')} />
                        <SubmitButton variant="ghost">{t('folders.rename')}</SubmitButton>
                      </ActionForm>
                      <ActionForm
                        action={moveFolder.bind(null, folder.id)}
                        className="inline-form"
                        label={t('folders.move')}
                      >
                        <select name="parentId" defaultValue={folder.parentId ?? ''} aria-label={t('folders.parent')}>
                          {moveTargets.map((option) => (
                            <option key={option.value} value={option.value}>
                              {option.label}
                            </option>
                          ))}
                        </select>
                        <SubmitButton variant="ghost">{t('folders.move')}</SubmitButton>
                      </ActionForm>
                      <ActionForm
                        action={deleteFolder.bind(null, folder.id)}
                        className="inline-form"
                        label={t('folders.delete')}
                        confirm={t('folders.deleteConfirm', { name: folder.name })}
                      >
                        <select name="moveDocumentsTo" defaultValue="" aria-label={t('folders.moveDocumentsTo')}>
                          <option value="">{t('folders.noMove')}</option>
                          {documentTargets.map((option) => (
                            <option key={option.value} value={option.value}>
                              {t('folders.moveTo', { name: option.label })}
                            </option>
                          ))}
                        </select>
                        <SubmitButton variant="danger">{t('folders.delete')}</SubmitButton>
                      </ActionForm>
                    </div>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
