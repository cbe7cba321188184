'use client';

import { t } from '../../i18n/t';

/** Shown when a page of the logged-in area fails (e.g. the API is unreachable); details stay in the server log. */
export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card placeholder" role="alert">
      <h1 className="page-title">{t('error.title')}</h1>
      <p>{t('error.body')}</p>
      <button type="button" className="button button--primary" onClick={reset}>
        {t('error.retry')}
      </button>
    </section>
  );
}
