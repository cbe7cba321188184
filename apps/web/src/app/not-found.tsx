import Link from 'next/link';
import { t } from '../i18n/t';

export default function NotFound() {
  return (
    <main className="login-page">
      <section className="login-card">
        <h1 className="login-title">{t('notFound.title')}</h1>
        <p className="login-subtitle">{t('notFound.body')}</p>
        <Link href="/" className="button button--primary button--block">
          {t('notFound.back')}
        </Link>
      </section>
    </main>
  );
}
