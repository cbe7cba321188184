'use client';

import { t } from '../i18n/t';

/** Catches failures of the logged-in layout itself (e.g. the API is down while loading the user); details stay in the server log. */
export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="login-page">
      <section className="login-card" role="alert">
        <h1 className="login-title">{t('error.title')}</h1>
        <p className="login-subtitle">{t('error.body')}</p>
        <button type="button" className="button button--primary button--block" onClick={reset}>
          {t('error.retry')}
        </button>
      </section>
    </main>
  );
}
