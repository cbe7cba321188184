'use server';

import { revalidatePath } from 'next/cache';
import { t } from '../../i18n/t';
import { addressFrom, type FormState, formError, optionalText, runFormAction, text, texts } from '../form-state';
import { tenantApi, tenantApiRaw } from '../tenant-api';
import { challengeSchema, connectionTestSchema, createdApiKeySchema } from './access-schemas';

export async function createApiKey(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    const expiresOn = optionalText(data, 'expiresAt');
    const created = await tenantApi(createdApiKeySchema, '/v1/api-keys', {
      method: 'POST',
      body: {
        name: text(data, 'name'),
        scopes: texts(data, 'scopes'),
        ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59Z`).toISOString() } : {}),
      },
    });
    revalidatePath('/administracja/klucze-api');
    return { message: t('apiKeys.created', { name: created.name }), secret: created.key };
  });
}

export async function revokeApiKey(keyId: string, _state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw(`/v1/api-keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' });
    revalidatePath('/administracja/klucze-api');
    return t('apiKeys.revoked');
  });
}

export async function updateCompany(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw('/v1/tenant', {
      method: 'PATCH',
      body: {
        name: text(data, 'name'),
        registeredAddress: addressFrom(data, 'registeredAddress'),
        correspondenceAddress: addressFrom(data, 'correspondenceAddress'),
        eori: optionalText(data, 'eori') ?? null,
        taxpayerStatus: text(data, 'taxpayerStatus'),
        contactEmail: optionalText(data, 'contactEmail') ?? null,
        ksefEnvironment: text(data, 'ksefEnvironment'),
      },
    });
    revalidatePath('/', 'layout');
  });
}

async function fileText(data: FormData, name: string): Promise<string> {
  const value = data.get(name);
  if (value instanceof File) return value.size > 0 ? value.text() : '';
  return typeof value === 'string' ? value : '';
}

/** A file as the API wants certificates and keys: Base64 of its bytes, so PEM and binary DER files both survive. */
async function fileBase64(data: FormData, name: string): Promise<string> {
  const value = data.get(name);
  if (value instanceof File) return value.size > 0 ? Buffer.from(await value.arrayBuffer()).toString('base64') : '';
  return '';
}

function refreshKsef(): void {
  revalidatePath('/ustawienia/ksef');
}

export async function saveKsefToken(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw('/v1/ksef/credentials/token', { method: 'PUT', body: { token: text(data, 'token') } });
    refreshKsef();
    return t('ksef.credentialsSaved');
  });
}

/** The API takes up to 64 KB of Base64 per file, i.e. 48 KB of file; a bigger file is refused here, named by size. */
const MAX_CERTIFICATE_FILE_BYTES = 48 * 1024;

export async function saveKsefCertificate(_state: FormState, data: FormData): Promise<FormState> {
  const fieldErrors: Record<string, string> = {};
  for (const name of ['certificatePem', 'privateKeyPem']) {
    const file = data.get(name);
    if (file instanceof File && file.size > MAX_CERTIFICATE_FILE_BYTES) {
      fieldErrors[name] = t('ksef.fileTooLarge', { kb: MAX_CERTIFICATE_FILE_BYTES / 1024 });
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, message: t('form.errorFields'), fieldErrors, at: Date.now() };
  }
  return runFormAction(async () => {
    await tenantApiRaw('/v1/ksef/credentials/certificate', {
      method: 'PUT',
      body: {
        certificatePem: await fileBase64(data, 'certificatePem'),
        privateKeyPem: await fileBase64(data, 'privateKeyPem'),
        privateKeyPassword: optionalText(data, 'privateKeyPassword'),
      },
    });
    refreshKsef();
    return t('ksef.credentialsSaved');
  });
}

export async function requestKsefChallenge(): Promise<{ requestId: string; unsignedXml: string } | { error: string }> {
  try {
    return await tenantApi(challengeSchema, '/v1/ksef/credentials/external/challenge', { method: 'POST' });
  } catch (error) {
    return { error: formError(error).message ?? t('form.errorGeneric') };
  }
}

export async function uploadKsefSigned(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw('/v1/ksef/credentials/external/signed', {
      method: 'POST',
      body: { requestId: text(data, 'requestId'), signedXml: await fileText(data, 'signedXml') },
    });
    refreshKsef();
    return t('ksef.credentialsSaved');
  });
}

export async function deleteKsefCredentials(_state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    await tenantApiRaw('/v1/ksef/credentials', { method: 'DELETE' });
    refreshKsef();
    return t('ksef.credentialsDeleted');
  });
}

export async function testKsefConnection(_state: FormState): Promise<FormState> {
  return runFormAction(async () => {
    const result = await tenantApi(connectionTestSchema, '/v1/ksef/connection/test', { method: 'POST' });
    refreshKsef();
    if (!result.ok) return { ok: false, message: result.error ?? t('ksef.testFailed') };
    return t('ksef.testOk');
  });
}
