'use client';

import { ActionForm, Field, SubmitButton } from '../../components/forms/action-form';
import { t } from '../../i18n/t';
import { requestPasswordReset } from '../../server/access/password-actions';

export function ForgotPasswordForm() {
  return (
    <ActionForm action={requestPasswordReset} className="login-form" label={t('forgotPassword.title')}>
      <Field name="email" label={t('login.email')} type="email" autoComplete="username" />
      <SubmitButton>{t('forgotPassword.submit')}</SubmitButton>
    </ActionForm>
  );
}
