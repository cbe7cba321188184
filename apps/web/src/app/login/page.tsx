import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { BrandMark } from '../../components/brand-mark';
import { t } from '../../i18n/t';
import { safeCallbackUrl } from '../../server/callback-url';
import { getSession } from '../../server/session';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: t('login.title') };

type LoginPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params['callbackUrl']);
  if (await getSession()) redirect(callbackUrl);
  const notice = params['expired'] === '1' ? t('login.sessionExpired') : undefined;

  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="login-title">
        <BrandMark />
        <h1 id="login-title" className="login-title">
          {t('login.title')}
        </h1>
        <p className="login-subtitle">{t('login.subtitle')}</p>
        <LoginForm callbackUrl={callbackUrl} notice={notice} />
        <p className="login-links">
          <Link href="/nie-pamietam-hasla">{t('login.forgot')}</Link>
        </p>
      </section>
      <p className="login-footer">{t('login.footer')}</p>
    </main>
  );
}
