import Link from 'next/link';
import { t } from '../../../../i18n/t';

/** Switches between permissions by folder (grant editor, who sees it) and by person (what they see). */
export function PermissionViews({ current }: { current: 'folder' | 'person' }) {
  const views = [
    { key: 'folder', href: '/administracja/uprawnienia', label: t('grants.byFolder') },
    { key: 'person', href: '/administracja/uprawnienia/osoba', label: t('grants.personAccess') },
  ] as const;
  return (
    <nav className="view-switch" aria-label={t('grants.views')}>
      {views.map((view) => (
        <Link key={view.key} href={view.href} aria-current={view.key === current ? 'page' : undefined}>
          {view.label}
        </Link>
      ))}
    </nav>
  );
}
