'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { t } from '../../i18n/t';

/** Mirrors LOGIN_ERROR_PREFIX of the server (kept literal: this module must not import server code). */
const LOGIN_ERROR_PREFIX = 'bufor:';

function messageFor(error: string | null | undefined): string {
  if (error?.startsWith(LOGIN_ERROR_PREFIX)) return error.slice(LOGIN_ERROR_PREFIX.length);
  // next-auth's own codes: CredentialsSignin means authorize() refused without a reason.
  return error === 'CredentialsSignin' ? t('login.errorInvalid') : t('login.errorGeneric');
}

function textField(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

export function LoginForm({ callbackUrl, notice }: { callbackUrl: string; notice?: string | undefined }) {
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a click would submit the form natively; keep the button off until then.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const passwordRef = useRef<HTMLInputElement>(null);
  const messageId = useId();

  async function submit(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    const email = textField(data, 'email').trim();
    const password = textField(data, 'password');
    if (!email || !password) {
      setError(t('login.errorRequired'));
      return;
    }
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn('credentials', { email, password, redirect: false });
      if (result?.ok && !result.error) {
        // A full navigation, so the server renders the logged-in layout with the fresh cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(messageFor(result?.error));
    } catch {
      setError(t('login.errorGeneric'));
    }
    setPending(false);
    passwordRef.current?.select();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit(event.currentTarget);
  }

  const message = error ?? notice;
  return (
    // method="post" so that even a native submission never puts the password into a URL.
    <form className="login-form" method="post" onSubmit={onSubmit} noValidate aria-busy={pending}>
      <div className="field">
        <label htmlFor="login-email">{t('login.email')}</label>
        <input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={messageId}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={error ? true : undefined}
          aria-describedby={messageId}
        />
      </div>
      {/* Always rendered with a reserved height, so an error appears without moving the form. */}
      <div id={messageId} className="form-message" aria-live="assertive">
        {message ? (
          <p
            className={error ? 'form-message__text form-message__text--error' : 'form-message__text'}
            role={error ? 'alert' : undefined}
          >
            {message}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button button--primary button--block" disabled={pending || !hydrated}>
        {pending ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
