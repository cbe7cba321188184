import Link from 'next/link';
import { t } from '../i18n/t';

/** Previous/next links that keep the current filters in the query. */
export function Pager({
  basePath,
  query,
  page,
  pageSize,
  total,
}: {
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
    params.set('page', String(target));
    return `${basePath}?${params.toString()}`;
  };
  return (
    <nav className="pager" aria-label={t('pager.label')}>
      {page > 1 ? (
        <Link href={href(page - 1)}>{t('pager.previous')}</Link>
      ) : (
        <span className="muted">{t('pager.previous')}</span>
      )}
      <span>{t('pager.position', { page, pages, total })}</span>
      {page < pages ? (
        <Link href={href(page + 1)}>{t('pager.next')}</Link>
      ) : (
        <span className="muted">{t('pager.next')}</span>
      )}
    </nav>
  );
}

/** Reads one string query parameter. */
export function param(params: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

export function pageParam(params: Record<string, string | string[] | undefined>): number {
  const page = Number(param(params, 'page'));
  return Number.isInteger(page) && page > 0 ? page : 1;
}
