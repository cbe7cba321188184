import { t } from '../i18n/t';

/** A section that is not built yet: says in Polish what will live here. */
export function PlaceholderPage({ title, description }: { title: string; description: string }) {
  return (
    <>
      <h1 className="page-title">{title}</h1>
      <section className="card placeholder">
        <span className="badge">{t('page.comingSoon')}</span>
        <p>{description}</p>
      </section>
    </>
  );
}
