'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { t } from '../i18n/t';

export function LogoutButton() {
  const [pending, setPending] = useState(false);

  async function logout(): Promise<void> {
    setPending(true);
    try {
      await signOut({ redirect: false });
    } finally {
      // Relative navigation: works whatever host the user came through.
      window.location.assign('/login');
    }
  }

  return (
    <button type="button" className="button button--ghost" onClick={() => void logout()} disabled={pending}>
      {pending ? t('header.loggingOut') : t('header.logout')}
    </button>
  );
}
