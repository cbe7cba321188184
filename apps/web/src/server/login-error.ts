import { t } from '../i18n/t';
import { ApiError } from './api-client';

/** Marks a message meant for the login form, so it is told apart from next-auth's own error codes. */
export const LOGIN_ERROR_PREFIX = 'bufor:';

/** The Polish message the login form shows for a failed login; unexpected failures get a generic one and are logged. */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && (error.status === 401 || error.status === 429 || error.status === 400)) {
    if (error.detail) return error.detail;
    return error.status === 429 ? t('login.errorThrottled') : t('login.errorInvalid');
  }
  console.error('Login failed unexpectedly', error);
  return t('login.errorGeneric');
}
