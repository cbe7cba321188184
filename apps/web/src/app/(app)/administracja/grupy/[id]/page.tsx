import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, Field, SubmitButton } from '../../../../../components/forms/action-form';
import { t } from '../../../../../i18n/t';
import { groupSchema, memberSchema, pageOf, userSchema } from '../../../../../server/access/access-schemas';
import {
  addGroupMember,
  deleteGroup,
  removeGroupMember,
  updateGroup,
} from '../../../../../server/access/people-actions';
import { ApiError } from '../../../../../server/api-client';
import { tenantApi } from '../../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.groups') };

export default async function GroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [groups, users, members] = await Promise.all([
    tenantApi(pageOf(groupSchema), '/v1/groups', { query: { pageSize: 200 } }),
    tenantApi(pageOf(userSchema), '/v1/users', { query: { pageSize: 200 } }),
    tenantApi(pageOf(memberSchema), `/v1/groups/${encodeURIComponent(id)}/members`, { query: { pageSize: 200 } }).catch(
      (error: unknown) => {
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound();
        throw error;
      },
    ),
  ]);
  const group = groups.items.find((item) => item.id === id);
  if (!group) notFound();
  const memberIds = new Set(members.items.map((member) => member.id));
  const candidates = users.items.filter((user) => !memberIds.has(user.id));

  return (
    <>
      <p className="breadcrumbs">
        <Link href="/administracja/grupy">{t('admin.groups')}</Link> › {group.name}
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="group-edit">
          <h2 id="group-edit" className="card__title">
            {t('groups.edit')}
          </h2>
          <ActionForm action={updateGroup.bind(null, group.id)} label={t('groups.edit')}>
            <Field name="name" label={t('groups.name')} defaultValue={group.name} />
            <Field name="description" label={t('groups.description')} defaultValue={group.description ?? ''} />
            <div className="form__actions">
              <SubmitButton>{t('form.save')}</SubmitButton>
            </div>
          </ActionForm>
          <ActionForm
            action={deleteGroup.bind(null, group.id)}
            className="form danger-zone"
            confirm={t('groups.deleteConfirm', { name: group.name })}
          >
            <SubmitButton variant="danger">{t('groups.delete')}</SubmitButton>
          </ActionForm>
        </section>
        <section className="card" aria-labelledby="group-members">
          <h2 id="group-members" className="card__title">
            {t('groups.members')} ({members.items.length})
          </h2>
          <ul className="rows">
            {members.items.map((member) => (
              <li key={member.id}>
                <span>
                  {member.displayName} <span className="muted small">{member.email}</span>
                </span>
                <ActionForm action={removeGroupMember.bind(null, group.id, member.id)} className="inline-form">
                  <SubmitButton variant="ghost">{t('groups.removeMember')}</SubmitButton>
                </ActionForm>
              </li>
            ))}
          </ul>
          {candidates.length ? (
            <ActionForm
              action={addGroupMember.bind(null, group.id)}
              className="inline-form"
              label={t('groups.addMember')}
            >
              <select name="userId" aria-label={t('groups.addMember')}>
                {candidates.map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.displayName} ({user.email})
                  </option>
                ))}
              </select>
              <SubmitButton>{t('groups.addMember')}</SubmitButton>
            </ActionForm>
          ) : null}
        </section>
      </div>
    </>
  );
}
