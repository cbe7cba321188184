import type { Metadata } from 'next';
import { PlaceholderPage } from '../../../components/placeholder-page';
import { t } from '../../../i18n/t';

export const metadata: Metadata = { title: t('purchases.title') };

export default function ZakupyPage() {
  return <PlaceholderPage title={t('purchases.title')} description={t('purchases.empty')} />;
}
