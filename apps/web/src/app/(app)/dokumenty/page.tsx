import type { Metadata } from 'next';
import Link from 'next/link';
import { Fragment } from 'react';
import { formatDate, formatMoney } from '../../../components/format';
import { Pager, pageParam, param } from '../../../components/pager';
import { t } from '../../../i18n/t';
import { buildFolderTree, flattenFolderTree } from '../../../lib/folder-tree';
import {
  DOCUMENT_DIRECTIONS,
  DOCUMENT_KINDS,
  DOCUMENT_STATUSES,
  documentSchema,
  folderSchema,
  pageOf,
} from '../../../server/access/access-schemas';
import { tenantApi } from '../../../server/tenant-api';
import { documentLabel } from './document-labels';

export const metadata: Metadata = { title: t('documents.title') };

const PAGE_SIZE = 50;
const SORTS = ['-issueDate', 'issueDate', 'number', '-number', '-grossTotal', 'grossTotal'] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DocumentsPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = {
    folder: param(params, 'folder'),
    direction: param(params, 'direction'),
    kind: param(params, 'kind'),
    status: param(params, 'status'),
    dateFrom: param(params, 'dateFrom'),
    dateTo: param(params, 'dateTo'),
    nip: param(params, 'nip'),
    number: param(params, 'number'),
    sort: SORTS.find((sort) => sort === param(params, 'sort')),
  };
  const page = pageParam(params);
  const { folder, ...apiFilters } = filters;
  const [folders, documents] = await Promise.all([
    tenantApi(pageOf(folderSchema), '/v1/folders'),
    tenantApi(pageOf(documentSchema), '/v1/documents', {
      query: { ...apiFilters, folderId: folder, sort: filters.sort ?? '-issueDate', page, pageSize: PAGE_SIZE },
    }),
  ]);
  const rows = flattenFolderTree(buildFolderTree(folders.items));
  const folderNames = new Map(folders.items.map((item) => [item.id, item.name]));
  const folderHref = (id: string | undefined) => (id ? `/dokumenty?folder=${id}` : '/dokumenty');

  return (
    <>
      <h1 className="page-title">{t('documents.title')}</h1>
      <div className="split">
        <nav className="card split__side" aria-label={t('documents.folders')}>
          <h2 className="card__title">{t('documents.folders')}</h2>
          <ul className="tree">
            <li>
              <Link
                href={folderHref(undefined)}
                className={!folder ? 'tree__link tree__link--active' : 'tree__link'}
                aria-current={!folder ? 'page' : undefined}
              >
                {t('documents.allFolders')}
              </Link>
            </li>
            {rows.map((row) => (
              <li key={row.folder.id} style={{ paddingLeft: `${(row.depth + 1) * 1}rem` }}>
                <Link
                  href={folderHref(row.folder.id)}
                  className={folder === row.folder.id ? 'tree__link tree__link--active' : 'tree__link'}
                  aria-current={folder === row.folder.id ? 'page' : undefined}
                >
                  {row.folder.name} <span className="muted small">({row.folder.documentCount})</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="split__main">
          <section className="card">
            <form className="filters" method="get" aria-label={t('filters.label')}>
              {folder ? <input type="hidden" name="folder" value={folder} /> : null}
              <FilterSelect
                name="direction"
                label={t('documents.direction')}
                value={filters.direction}
                values={DOCUMENT_DIRECTIONS}
                prefix="documentDirection"
              />
              <FilterSelect
                name="kind"
                label={t('documents.kind')}
                value={filters.kind}
                values={DOCUMENT_KINDS}
                prefix="documentKind"
              />
              <FilterSelect
                name="status"
                label={t('documents.status')}
                value={filters.status}
                values={DOCUMENT_STATUSES}
                prefix="documentStatus"
              />
              <div className="field">
                <label htmlFor="doc-from">{t('filters.from')}</label>
                <input id="doc-from" name="dateFrom" type="date" defaultValue={filters.dateFrom} />
              </div>
              <div className="field">
                <label htmlFor="doc-to">{t('filters.to')}</label>
                <input id="doc-to" name="dateTo" type="date" defaultValue={filters.dateTo} />
              </div>
              <div className="field">
                <label htmlFor="doc-nip">{t('documents.nip')}</label>
                <input id="doc-nip" name="nip" inputMode="numeric" defaultValue={filters.nip} />
              </div>
              <div className="field">
                <label htmlFor="doc-number">{t('documents.number')}</label>
                <input id="doc-number" name="number" defaultValue={filters.number} />
              </div>
              <div className="field">
                <label htmlFor="doc-sort">{t('documents.sort')}</label>
                <select id="doc-sort" name="sort" defaultValue={filters.sort ?? '-issueDate'}>
                  {SORTS.map((sort) => (
                    <option key={sort} value={sort}>
                      {t(`documentSort.${sort}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form__actions">
                <button type="submit" className="button button--primary">
                  {t('filters.apply')}
                </button>
                <Link href={folderHref(folder)} className="button button--ghost">
                  {t('filters.clear')}
                </Link>
              </div>
            </form>
          </section>
          <section className="card" aria-labelledby="documents-list">
            <h2 id="documents-list" className="card__title">
              {folder ? (folderNames.get(folder) ?? t('documents.allFolders')) : t('documents.allFolders')}
            </h2>
            {documents.items.length === 0 ? (
              <p className="muted">{t('documents.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="documents-table">
                  <thead>
                    <tr>
                      <th>{t('documents.number')}</th>
                      <th>{t('documents.issueDate')}</th>
                      <th>{t('documents.counterparty')}</th>
                      <th>{t('documents.kindAndStatus')}</th>
                      <th className="num">{t('documents.gross')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {documents.items.map((document) => (
                      <tr key={document.id}>
                        <td>
                          <Link href={`/dokumenty/${document.id}`}>
                            <BreakableNumber value={document.number} />
                          </Link>
                          {folder ? null : (
                            <div className="muted small">{folderNames.get(document.folderId) ?? '—'}</div>
                          )}
                        </td>
                        <td className="nowrap">{formatDate(document.issueDate)}</td>
                        <td>
                          {document.direction === 'purchase' ? document.sellerName : document.buyerName}
                          <div className="muted small">
                            NIP {(document.direction === 'purchase' ? document.sellerNip : document.buyerNip) ?? '—'}
                          </div>
                        </td>
                        <td>
                          <span className="status">{documentLabel('documentStatus', document.status)}</span>
                          <div className="muted small">
                            {documentLabel('documentDirection', document.direction)} ·{' '}
                            {documentLabel('documentKind', document.kind)}
                          </div>
                        </td>
                        <td className="num">{formatMoney(document.grossTotal, document.currency)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager
              basePath="/dokumenty"
              query={{ ...filters }}
              page={page}
              pageSize={documents.pageSize ?? PAGE_SIZE}
              total={documents.total ?? documents.items.length}
            />
          </section>
        </div>
      </div>
    </>
  );
}

/** An invoice number that may wrap after its slashes (FV/KRK/2026/11/0046), never inside a part. */
function BreakableNumber({ value }: { value: string }) {
  const parts = value.split('/');
  return parts.map((part, index) => (
    <Fragment key={index}>
      {part}
      {index < parts.length - 1 ? (
        <>
          /<wbr />
        </>
      ) : null}
    </Fragment>
  ));
}

function FilterSelect({
  name,
  label,
  value,
  values,
  prefix,
}: {
  name: string;
  label: string;
  value: string | undefined;
  values: readonly string[];
  prefix: 'documentDirection' | 'documentKind' | 'documentStatus';
}) {
  return (
    <div className="field">
      <label htmlFor={`doc-${name}`}>{label}</label>
      <select id={`doc-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{t('filters.any')}</option>
        {values.map((item) => (
          <option key={item} value={item}>
            {documentLabel(prefix, item)}
          </option>
        ))}
      </select>
    </div>
  );
}
