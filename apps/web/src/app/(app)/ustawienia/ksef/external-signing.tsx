'use client';

import { useState } from 'react';
import { ActionForm, Field, SubmitButton } from '../../../../components/forms/action-form';
import { t } from '../../../../i18n/t';
import { requestKsefChallenge, uploadKsefSigned } from '../../../../server/access/integration-actions';

/** External signing: download the unsigned AuthTokenRequest, sign it elsewhere (e.g. ePUAP/qualified signature), upload it. */
export function ExternalSigning() {
  const [requestId, setRequestId] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function download(): Promise<void> {
    setBusy(true);
    setError(undefined);
    const result = await requestKsefChallenge();
    setBusy(false);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setRequestId(result.requestId);
    const url = URL.createObjectURL(new Blob([result.unsignedXml], { type: 'application/xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'AuthTokenRequest.xml';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="form">
      <p className="muted small">{t('ksef.externalIntro')}</p>
      <button type="button" className="button button--ghost" onClick={() => void download()} disabled={busy}>
        {t('ksef.downloadUnsigned')}
      </button>
      {error ? (
        <p className="form-note form-note--error" role="alert">
          {error}
        </p>
      ) : null}
      {requestId ? (
        <ActionForm action={uploadKsefSigned} label={t('ksef.uploadSigned')}>
          <input type="hidden" name="requestId" value={requestId} />
          <Field name="signedXml" label={t('ksef.signedFile')} type="file" />
          <SubmitButton>{t('ksef.uploadSigned')}</SubmitButton>
        </ActionForm>
      ) : null}
    </div>
  );
}
