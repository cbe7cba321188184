import type { Metadata } from 'next';
import { PlaceholderPage } from '../../../components/placeholder-page';
import { t } from '../../../i18n/t';

export const metadata: Metadata = { title: t('documents.title') };

export default function DokumentyPage() {
  return <PlaceholderPage title={t('documents.title')} description={t('documents.empty')} />;
}
