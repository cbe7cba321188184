import { t } from '../i18n/t';

/** The Bufor logotype: a simple mark plus the name. */
export function BrandMark({ inverted = false }: { inverted?: boolean }) {
  return (
    <div className={inverted ? 'brand brand--inverted' : 'brand'}>
      <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect x="2" y="2" width="28" height="28" rx="7" />
        <path d="M10 9h7.5a4 4 0 0 1 0 8H10zm0 8h8.5a4 4 0 0 1 0 8H10z" />
      </svg>
      <span className="brand__name">{t('app.name')}</span>
    </div>
  );
}
