import type { Metadata } from 'next';
import Link from 'next/link';
import { BrandMark } from '../../components/brand-mark';
import { t } from '../../i18n/t';
import { ForgotPasswordForm } from './forgot-password-form';

export const metadata: Metadata = { title: t('forgotPassword.title') };

export default function ForgotPasswordPage() {
  return (
    <main className="login-page">
      <section className="login-card" aria-labelledby="forgot-title">
        <BrandMark />
        <h1 id="forgot-title" className="login-title">
          {t('forgotPassword.title')}
        </h1>
        <p className="login-subtitle">{t('forgotPassword.subtitle')}</p>
        <ForgotPasswordForm />
        <p className="login-links">
          <Link href="/login">{t('setPassword.toLogin')}</Link>
        </p>
      </section>
    </main>
  );
}
