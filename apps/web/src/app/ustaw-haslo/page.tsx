import type { Metadata } from 'next';
import Link from 'next/link';
import { BrandMark } from '../../components/brand-mark';
import { t } from '../../i18n/t';
import { SetPasswordForm } from './set-password-form';

export const metadata: Metadata = { title: t('setPassword.title') };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Public: the link from an invitation or password-reset e-mail lands here. */
export default async function SetPasswordPage({ searchParams }: Props) {
  const params = await searchParams;
  const token = typeof params['token'] === 'string' ? params['token'] : '';
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="set-password-title">
        <BrandMark />
        <h1 id="set-password-title" className="login-title">
          {t('setPassword.title')}
        </h1>
        {token ? (
          <>
            <p className="login-subtitle">{t('setPassword.subtitle')}</p>
            <SetPasswordForm token={token} />
          </>
        ) : (
          <p className="form-note form-note--error" role="alert">
            {t('setPassword.noToken')}
          </p>
        )}
        <p className="login-links">
          <Link href="/login">{t('setPassword.toLogin')}</Link>
        </p>
      </section>
    </main>
  );
}
