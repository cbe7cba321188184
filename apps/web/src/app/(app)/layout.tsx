import type { ReactNode } from 'react';
import { BrandMark } from '../../components/brand-mark';
import { LogoutButton } from '../../components/logout-button';
import { MainNav } from '../../components/main-nav';
import { TenantSwitcher } from '../../components/tenant-switcher';
import { isAdminRole } from '../../server/access/admin';
import { requireSession } from '../../server/session';
import { getViewer } from '../../server/viewer';

/** The logged-in shell: navigation on the left, the company and the user on top. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const [viewer, session] = await Promise.all([getViewer(), requireSession()]);
  return (
    <div className="shell">
      <aside className="sidebar">
        <BrandMark inverted />
        <MainNav isAdmin={isAdminRole(viewer.tenant?.role)} isOperator={session.isPlatformOperator} />
      </aside>
      <div className="shell__main">
        <header className="topbar">
          <TenantSwitcher memberships={viewer.memberships} activeTenantId={viewer.tenant?.tenantId} />
          <div className="topbar__user">
            <span className="topbar__name" title={viewer.user.email}>
              {viewer.user.displayName}
            </span>
            <LogoutButton />
          </div>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
