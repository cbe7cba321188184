'use client';

import { useId, useTransition } from 'react';
import { t } from '../i18n/t';
import { switchTenant } from '../server/tenant-actions';

type TenantSelectProps = { options: { value: string; label: string }[]; activeTenantId: string };

export function TenantSelect({ options, activeTenantId }: TenantSelectProps) {
  const id = useId();
  const [pending, startTransition] = useTransition();

  return (
    <form action={switchTenant} className="tenant-select">
      <label htmlFor={id} className="tenant__label">
        {t('header.tenant')}
      </label>
      <select
        id={id}
        name="tenantId"
        defaultValue={activeTenantId}
        aria-busy={pending}
        onChange={(event) => {
          const form = event.currentTarget.form;
          if (form) startTransition(() => form.requestSubmit());
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {/* Without JavaScript the select cannot submit itself. */}
      <noscript>
        <button type="submit" className="button button--ghost">
          {t('header.tenantSwitch')}
        </button>
      </noscript>
    </form>
  );
}
