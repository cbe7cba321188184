import Link from 'next/link';
import { t } from '../../../../i18n/t';

export default function DocumentNotFound() {
  return (
    <>
      <h1 className="page-title">{t('documents.notFoundTitle')}</h1>
      <section className="card">
        <p>{t('documents.notFoundBody')}</p>
        <p>
          <Link href="/dokumenty">{t('documents.back')}</Link>
        </p>
      </section>
    </>
  );
}
