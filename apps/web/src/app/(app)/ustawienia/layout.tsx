import type { ReactNode } from 'react';
import { SectionTabs } from '../../../components/section-tabs';
import { t } from '../../../i18n/t';
import { requireAdmin } from '../../../server/access/admin';

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <>
      <h1 className="page-title">{t('settings.title')}</h1>
      <SectionTabs
        label={t('settings.tabs')}
        items={[
          { href: '/ustawienia/firma', label: t('settings.company') },
          { href: '/ustawienia/ksef', label: t('settings.ksef') },
        ]}
      />
      {children}
    </>
  );
}
