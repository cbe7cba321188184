'use server';

import { revalidatePath } from 'next/cache';
import { t } from '../../i18n/t';
import { type FormState, optionalText, runFormAction, text, texts } from '../form-state';
import { tenantApiRaw } from '../tenant-api';

function refresh(): void {
  revalidatePath('/administracja', 'layout');
  revalidatePath('/dokumenty', 'layout');
}

const folderPath = (id: string) => `/v1/folders/${encodeURIComponent(id)}`;

export async function createFolder(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const parentId = optionalText(data, 'parentId');
    await tenantApiRaw('/v1/folders', {
      method: 'POST',
      body: { name: text(data, 'name'), ...(parentId ? { parentId } : {}) },
    });
    refresh();
    return t('folders.created', { name: text(data, 'name') });
  });
}

export async function renameFolder(folderId: string, _state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(folderPath(folderId), { method: 'PATCH', body: { name: text(data, 'name') } });
    refresh();
  });
}

export async function moveFolder(folderId: string, _state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    // An empty choice moves the folder to the top level.
    await tenantApiRaw(folderPath(folderId), {
      method: 'PATCH',
      body: { parentId: optionalText(data, 'parentId') ?? null },
    });
    refresh();
  });
}

export async function deleteFolder(folderId: string, _state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(folderPath(folderId), {
      method: 'DELETE',
      query: { moveDocumentsTo: optionalText(data, 'moveDocumentsTo') },
    });
    refresh();
    return t('folders.deleted');
  });
}

export async function addGrant(folderId: string, _state: FormState, data: FormData): Promise<FormState> {
  const result = await runFormAction(async () => {
    const [type, id] = text(data, 'subject').split(':');
    const kinds = texts(data, 'documentKinds');
    await tenantApiRaw(`${folderPath(folderId)}/grants`, {
      method: 'POST',
      body: {
        ...(type === 'group' ? { groupId: id } : { userId: id }),
        permission: text(data, 'permission'),
        ...(kinds.length ? { documentKinds: kinds } : {}),
      },
    });
    refresh();
    return t('grants.added');
  });
  // The form has one "Komu" field for the API's userId/groupId pair.
  const subjectError = result.fieldErrors?.['userId'] ?? result.fieldErrors?.['groupId'];
  return subjectError ? { ...result, fieldErrors: { ...result.fieldErrors, subject: subjectError } } : result;
}

export async function removeGrant(folderId: string, grantId: string, _state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(`${folderPath(folderId)}/grants/${encodeURIComponent(grantId)}`, { method: 'DELETE' });
    refresh();
    return t('grants.removed');
  });
}
