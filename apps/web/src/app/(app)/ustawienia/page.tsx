import type { Metadata } from 'next';
import { PlaceholderPage } from '../../../components/placeholder-page';
import { t } from '../../../i18n/t';

export const metadata: Metadata = { title: t('settings.title') };

export default function UstawieniaPage() {
  return <PlaceholderPage title={t('settings.title')} description={t('settings.empty')} />;
}
