import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { formatDate, formatMoney } from '../../../../components/format';
import { t } from '../../../../i18n/t';
import { documentSchema, folderSchema, pageOf } from '../../../../server/access/access-schemas';
import { ApiError } from '../../../../server/api-client';
import { tenantApi } from '../../../../server/tenant-api';
import { documentLabel } from '../document-labels';

export const metadata: Metadata = { title: t('documents.detail') };

const detailSchema = documentSchema.extend({
  saleDate: z.string().nullable().optional(),
  netTotal: z.union([z.string(), z.number()]).nullable().optional(),
  vatTotal: z.union([z.string(), z.number()]).nullable().optional(),
  hasXml: z.boolean().optional(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const document = await tenantApi(detailSchema, `/v1/documents/${encodeURIComponent(id)}`).catch((error: unknown) => {
    // Not visible and not existing look the same: the API answers 404 for both.
    if (error instanceof ApiError && error.status === 404) notFound();
    throw error;
  });
  const folders = await tenantApi(pageOf(folderSchema), '/v1/folders');
  const folder = folders.items.find((item) => item.id === document.folderId);
  // Served by ./pdf/route.ts: the same PDF the API stores and the e-mail attaches.
  const pdfUrl = `/dokumenty/${document.id}/pdf`;

  return (
    <>
      <p className="breadcrumbs">
        <Link href="/dokumenty">{t('documents.title')}</Link>
        {folder ? (
          <>
            {' › '}
            <Link href={`/dokumenty?folder=${folder.id}`}>{folder.name}</Link>
          </>
        ) : null}
      </p>
      <h1 className="page-title">{t('documents.detailTitle', { number: document.number })}</h1>
      <div className="grid">
        <section className="card" aria-labelledby="doc-main">
          <h2 id="doc-main" className="card__title">
            {t('documents.detail')}
          </h2>
          <dl className="facts">
            <Fact label={t('documents.direction')} value={documentLabel('documentDirection', document.direction)} />
            <Fact label={t('documents.kind')} value={documentLabel('documentKind', document.kind)} />
            <Fact label={t('documents.status')} value={documentLabel('documentStatus', document.status)} />
            <Fact label={t('documents.issueDate')} value={formatDate(document.issueDate)} />
            {document.saleDate ? <Fact label={t('documents.saleDate')} value={formatDate(document.saleDate)} /> : null}
            <Fact label={t('documents.ksefNumber')} value={document.ksefNumber ?? '—'} />
            <Fact label={t('documents.folder')} value={folder?.name ?? '—'} />
          </dl>
        </section>
        <section className="card" aria-labelledby="doc-parties">
          <h2 id="doc-parties" className="card__title">
            {t('documents.parties')}
          </h2>
          <dl className="facts">
            <Fact
              label={t('documents.seller')}
              value={`${document.sellerName ?? '—'} (NIP ${document.sellerNip ?? '—'})`}
            />
            <Fact
              label={t('documents.buyer')}
              value={`${document.buyerName ?? '—'} (NIP ${document.buyerNip ?? '—'})`}
            />
            {document.netTotal != null ? (
              <Fact label={t('documents.net')} value={formatMoney(document.netTotal, document.currency)} />
            ) : null}
            {document.vatTotal != null ? (
              <Fact label={t('documents.vat')} value={formatMoney(document.vatTotal, document.currency)} />
            ) : null}
            <Fact label={t('documents.gross')} value={formatMoney(document.grossTotal, document.currency)} />
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="doc-preview">
        <h2 id="doc-preview" className="card__title">
          {t('documents.preview')}
        </h2>
        {document.hasXml ? (
          <>
            <p>
              <a href={pdfUrl} target="_blank" rel="noopener">
                {t('documents.openPdf')}
              </a>
            </p>
            <iframe
              className="pdf-frame"
              src={pdfUrl}
              title={t('documents.previewFrame', { number: document.number })}
            />
          </>
        ) : (
          <p className="muted">{t('documents.noXml')}</p>
        )}
      </section>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
