import type { ReactNode } from 'react';
import { SectionTabs } from '../../../components/section-tabs';
import { t } from '../../../i18n/t';
import { requireAdmin } from '../../../server/access/admin';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <>
      <h1 className="page-title">{t('admin.title')}</h1>
      <SectionTabs
        label={t('admin.tabs')}
        items={[
          { href: '/administracja/uzytkownicy', label: t('admin.users') },
          { href: '/administracja/grupy', label: t('admin.groups') },
          { href: '/administracja/katalogi', label: t('admin.folders') },
          { href: '/administracja/uprawnienia', label: t('admin.grants') },
          { href: '/administracja/klucze-api', label: t('admin.apiKeys') },
          { href: '/administracja/dziennik', label: t('admin.audit') },
        ]}
      />
      {children}
    </>
  );
}
