import { t } from '../../../../i18n/t';
import { accessPathLabel, kindsLabel } from '../../../../lib/access-labels';
import { folderLabel } from '../../../../lib/folder-label';
import { accessSchema, type Folder, pageOf } from '../../../../server/access/access-schemas';
import { tenantApi } from '../../../../server/tenant-api';

/** "Who can see this folder": the API's effective permissions for the folder, with the reason for each person. */
export async function FolderAccess({ folderId, folders }: { folderId: string; folders: Folder[] }) {
  const access = await tenantApi(pageOf(accessSchema), `/v1/folders/${encodeURIComponent(folderId)}/access`);
  const folderName = (id: string) => {
    const folder = folders.find((candidate) => candidate.id === id);
    return folder ? folderLabel(folder) : '—';
  };
  return (
    <section className="card" aria-labelledby="access-title">
      <h2 id="access-title" className="card__title">
        {t('grants.whoSees')}
      </h2>
      <p className="muted small">{t('grants.whoSeesIntro')}</p>
      {access.items.length === 0 ? (
        <p className="muted">{t('grants.nobody')}</p>
      ) : (
        <table className="table" data-testid="folder-access">
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
              <tr key={`${entry.user.id}:${entry.permission}`} data-testid={`access-${entry.user.email}`}>
                <td>
                  {entry.user.displayName} <span className="muted small">{entry.user.email}</span>
                </td>
                <td>{t(`permission.${entry.permission}`)}</td>
                <td>
                  <ul className="plain-list">
                    {entry.via.map((path, index) => (
                      <li key={index}>{accessPathLabel(path, folderId, folderName)}</li>
                    ))}
                  </ul>
                </td>
                <td>{kindsLabel(entry.documentKinds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
