'use client';

import { useState } from 'react';
import { t } from '../../i18n/t';
import { useFormState } from './action-form';

/** Shows a secret returned by the last submission (e.g. a new API key) once, with a copy button. */
export function SecretOnce() {
  const { secret, at } = useFormState();
  const [copiedAt, setCopiedAt] = useState<number | undefined>();
  if (!secret) return null;
  return (
    <div className="secret" role="status">
      <p className="secret__note">{t('apiKeys.shownOnce')}</p>
      <code className="secret__value" data-testid="new-secret">
        {secret}
      </code>
      <button
        type="button"
        className="button button--ghost"
        onClick={() => {
          void navigator.clipboard.writeText(secret).then(() => setCopiedAt(at));
        }}
      >
        {copiedAt === at ? t('apiKeys.copied') : t('apiKeys.copy')}
      </button>
    </div>
  );
}
