'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { t } from '../../i18n/t';
import { type FormState, optionalText, runFormAction, text, texts } from '../form-state';
import { tenantApiRaw } from '../tenant-api';

function refresh(): void {
  revalidatePath('/administracja', 'layout');
}

export async function inviteUser(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const groupIds = texts(data, 'groupIds');
    await tenantApiRaw('/v1/users', {
      method: 'POST',
      body: {
        email: text(data, 'email'),
        displayName: text(data, 'displayName'),
        role: text(data, 'role'),
        ...(groupIds.length ? { groupIds } : {}),
      },
    });
    refresh();
    return t('users.invited', { email: text(data, 'email') });
  });
}

export async function updateUser(userId: string, _state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const body: Record<string, unknown> = {};
    const role = optionalText(data, 'role');
    if (role) body['role'] = role;
    const disabled = optionalText(data, 'disabled');
    if (disabled) body['disabled'] = disabled === 'true';
    await tenantApiRaw(`/v1/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body });
    refresh();
  });
}

export async function resendInvitation(userId: string, _state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(`/v1/users/${encodeURIComponent(userId)}/resend-invitation`, { method: 'POST' });
    return t('users.resent');
  });
}

export async function createGroup(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw('/v1/groups', {
      method: 'POST',
      body: { name: text(data, 'name'), description: optionalText(data, 'description') },
    });
    refresh();
    return t('groups.created', { name: text(data, 'name') });
  });
}

export async function updateGroup(groupId: string, _state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(`/v1/groups/${encodeURIComponent(groupId)}`, {
      method: 'PATCH',
      body: { name: text(data, 'name'), description: text(data, 'description') },
    });
    refresh();
  });
}

export async function deleteGroup(groupId: string, _state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(`/v1/groups/${encodeURIComponent(groupId)}`, { method: 'DELETE' });
    refresh();
    redirect('/administracja/grupy');
  });
}

export async function addGroupMember(groupId: string, _state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const userId = text(data, 'userId');
    await tenantApiRaw(`/v1/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`, {
      method: 'PUT',
    });
    refresh();
    return t('groups.memberAdded');
  });
}

export async function removeGroupMember(groupId: string, userId: string, _state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(`/v1/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`, {
      method: 'DELETE',
    });
    refresh();
    return t('groups.memberRemoved');
  });
}
