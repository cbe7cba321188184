'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Tabs of a section (Administracja, Ustawienia); the current one is marked for screen readers too. */
export function SectionTabs({ label, items }: { label: string; items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav className="tabs" aria-label={label}>
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            className={active ? 'tabs__link tabs__link--active' : 'tabs__link'}
            aria-current={active ? 'page' : undefined}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
