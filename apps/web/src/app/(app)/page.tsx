import type { Metadata } from 'next';
import Link from 'next/link';
import { t } from '../../i18n/t';
import { isAdminRole } from '../../server/access/admin';
import { getViewer } from '../../server/viewer';

export const metadata: Metadata = { title: t('dashboard.title') };

export default async function DashboardPage() {
  const { user, memberships, tenant } = await getViewer();
  return (
    <>
      <h1 className="page-title">{t('dashboard.title')}</h1>
      <section className="card hero">
        <h2 className="hero__greeting">{t('dashboard.greeting', { name: user.displayName })}</h2>
        <p className="muted">{t('dashboard.intro')}</p>
      </section>

      <div className="grid">
        <section className="card" aria-labelledby="company-title">
          <h2 id="company-title" className="card__title">
            {t('dashboard.company')}
          </h2>
          {tenant ? (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('dashboard.companyName')}</dt>
                  <dd data-testid="tenant-name">{tenant.tenantName}</dd>
                </div>
                <div>
                  <dt>{t('dashboard.companyNip')}</dt>
                  <dd data-testid="tenant-nip">{tenant.nip}</dd>
                </div>
                <div>
                  <dt>{t('dashboard.companyRole')}</dt>
                  <dd>{t(`role.${tenant.role}`)}</dd>
                </div>
              </dl>
              {memberships.length > 1 ? (
                <p className="muted small">{t('dashboard.otherCompanies', { count: memberships.length })}</p>
              ) : null}
            </>
          ) : (
            <p className="muted">{t('dashboard.noMembership')}</p>
          )}
        </section>

        <section className="card" aria-labelledby="next-title">
          <h2 id="next-title" className="card__title">
            {t('dashboard.next')}
          </h2>
          <ul className="links">
            <li>
              <Link href="/sprzedaz">{t('nav.sales')}</Link> — {t('dashboard.linkSales')}
            </li>
            <li>
              <Link href="/zakupy">{t('nav.purchases')}</Link> — {t('dashboard.linkPurchases')}
            </li>
            {isAdminRole(tenant?.role) ? (
              <li>
                <Link href="/ustawienia">{t('nav.settings')}</Link> — {t('dashboard.linkSettings')}
              </li>
            ) : null}
          </ul>
        </section>
      </div>
    </>
  );
}
