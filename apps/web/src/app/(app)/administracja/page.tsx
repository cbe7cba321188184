import type { Metadata } from 'next';
import { PlaceholderPage } from '../../../components/placeholder-page';
import { t } from '../../../i18n/t';

export const metadata: Metadata = { title: t('admin.title') };

export default function AdministracjaPage() {
  return <PlaceholderPage title={t('admin.title')} description={t('admin.empty')} />;
}
