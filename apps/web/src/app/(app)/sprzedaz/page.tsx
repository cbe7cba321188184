import type { Metadata } from 'next';
import { PlaceholderPage } from '../../../components/placeholder-page';
import { t } from '../../../i18n/t';

export const metadata: Metadata = { title: t('sales.title') };

export default function SprzedazPage() {
  return <PlaceholderPage title={t('sales.title')} description={t('sales.empty')} />;
}
