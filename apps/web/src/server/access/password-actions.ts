'use server';

import { t } from '../../i18n/t';
import { type FormState, runFormAction, text } from '../form-state';
import { publicApi } from '../tenant-api';

export async function setPassword(_state: FormState, data: FormData): Promise<FormState> {
  const password = text(data, 'password');
  if (password !== text(data, 'passwordRepeat')) {
    return {
      ok: false,
      message: t('setPassword.mismatch'),
      fieldErrors: { passwordRepeat: t('setPassword.mismatch') },
    };
  }
  return runFormAction(async () => {
    await publicApi('/v1/auth/set-password', { token: text(data, 'token'), password });
    return t('setPassword.done');
  });
}

export async function requestPasswordReset(_state: FormState, data: FormData): Promise<FormState> {
  return runFormAction(async () => {
    await publicApi('/v1/auth/password-reset', { email: text(data, 'email') });
    // Same answer whether the account exists or not (the API does not tell either).
    return t('forgotPassword.sent');
  });
}
