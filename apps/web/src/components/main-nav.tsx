'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { type MessageKey } from '../i18n/pl';
import { t } from '../i18n/t';

const ITEMS: { href: string; label: MessageKey; adminOnly?: boolean; operatorOnly?: boolean }[] = [
  { href: '/', label: 'nav.dashboard' },
  { href: '/sprzedaz', label: 'nav.sales' },
  { href: '/zakupy', label: 'nav.purchases' },
  { href: '/dokumenty', label: 'nav.documents' },
  { href: '/administracja', label: 'nav.admin', adminOnly: true },
  { href: '/ustawienia', label: 'nav.settings', adminOnly: true },
  { href: '/operator', label: 'nav.operator', operatorOnly: true },
];

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** The main menu; administration and settings only for the company's owners and admins, companies for operators. */
export function MainNav({ isAdmin, isOperator }: { isAdmin: boolean; isOperator: boolean }) {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <ul>
        {ITEMS.filter((item) => (isAdmin || !item.adminOnly) && (isOperator || !item.operatorOnly)).map((item) => {
          const active = isActive(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                className={active ? 'nav__link nav__link--active' : 'nav__link'}
                aria-current={active ? 'page' : undefined}
              >
                {t(item.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
