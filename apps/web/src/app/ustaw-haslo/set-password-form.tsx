'use client';

import Link from 'next/link';
import { ActionForm, Field, SubmitButton, useFormState } from '../../components/forms/action-form';
import { t } from '../../i18n/t';
import { setPassword } from '../../server/access/password-actions';

export function SetPasswordForm({ token }: { token: string }) {
  return (
    <ActionForm action={setPassword} className="login-form" label={t('setPassword.title')}>
      <SetPasswordFields token={token} />
    </ActionForm>
  );
}

function SetPasswordFields({ token }: { token: string }) {
  const state = useFormState();
  if (state.ok) {
    return (
      <Link href="/login" className="button button--primary button--block">
        {t('setPassword.goLogin')}
      </Link>
    );
  }
  return (
    <>
      <input type="hidden" name="token" value={token} />
      <Field name="password" label={t('setPassword.password')} type="password" autoComplete="new-password" />
      <Field name="passwordRepeat" label={t('setPassword.repeat')} type="password" autoComplete="new-password" />
      <p className="muted small">{t('setPassword.policy')}</p>
      <SubmitButton>{t('setPassword.submit')}</SubmitButton>
    </>
  );
}
