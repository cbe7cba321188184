import { t } from '../i18n/t';
import type { Membership } from '../server/api-schemas';
import { TenantSelect } from './tenant-select';

type TenantSwitcherProps = { memberships: Membership[]; activeTenantId: string | undefined };

/** The active company in the top bar; a switcher when the user belongs to several. */
export function TenantSwitcher({ memberships, activeTenantId }: TenantSwitcherProps) {
  const active = memberships.find((membership) => membership.tenantId === activeTenantId);
  if (!active) return <div className="tenant" />;
  if (memberships.length === 1) {
    return (
      <div className="tenant">
        <span className="tenant__label">{t('header.tenant')}</span>
        <span className="tenant__name">{active.tenantName}</span>
        <span className="tenant__nip">{t('header.nip', { nip: active.nip })}</span>
      </div>
    );
  }
  return (
    <div className="tenant">
      <TenantSelect
        options={memberships.map((membership) => ({
          value: membership.tenantId,
          label: `${membership.tenantName} (${t('header.nip', { nip: membership.nip })})`,
        }))}
        activeTenantId={active.tenantId}
      />
    </div>
  );
}
