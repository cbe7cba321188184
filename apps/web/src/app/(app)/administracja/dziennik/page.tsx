import type { Metadata } from 'next';
import { formatDateTime } from '../../../../components/format';
import { Pager, pageParam, param } from '../../../../components/pager';
import { t } from '../../../../i18n/t';
import { auditEventSchema, pageOf, userSchema } from '../../../../server/access/access-schemas';
import { tenantApi } from '../../../../server/tenant-api';

export const metadata: Metadata = { title: t('admin.audit') };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "name: Sklep Kraków · permission: view": readable before/after values, long ones shortened. */
function summary(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
  if (typeof value !== 'object' || Array.isArray(value)) return short(JSON.stringify(value));
  return Object.entries(value as Record<string, unknown>)
    .filter(([key]) => key !== 'id' && key !== 'tenantId')
    .map(
      ([key, item]) => `${key}: ${item === null ? '—' : short(typeof item === 'string' ? item : JSON.stringify(item))}`,
    )
    .join(' · ');
}

export default async function AuditPage({ searchParams }: Props) {
  const params = await searchParams;
  const filters = {
    action: param(params, 'action'),
    actorUserId: param(params, 'actorUserId'),
    targetType: param(params, 'targetType'),
    from: param(params, 'from'),
    to: param(params, 'to'),
  };
  const page = pageParam(params);
  const [events, users] = await Promise.all([
    tenantApi(pageOf(auditEventSchema), '/v1/audit-events', {
      query: {
        ...filters,
        from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : undefined,
        to: filters.to ? new Date(`${filters.to}T23:59:59`).toISOString() : undefined,
        page,
        pageSize: PAGE_SIZE,
      },
    }),
    tenantApi(pageOf(userSchema), '/v1/users', { query: { pageSize: 200 } }),
  ]);

  return (
    <>
      <section className="card">
        <form className="filters" method="get" aria-label={t('filters.label')}>
          <div className="field">
            <label htmlFor="audit-action">{t('audit.action')}</label>
            <input id="audit-action" name="action" defaultValue={filters.action} placeholder="np. user.invited" />
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t('audit.actor')}</label>
            <select id="audit-actor" name="actorUserId" defaultValue={filters.actorUserId ?? ''}>
              <option value="">{t('filters.any')}</option>
              {users.items.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.displayName}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-target">{t('audit.targetType')}</label>
            <input id="audit-target" name="targetType" defaultValue={filters.targetType} placeholder="np. folder" />
          </div>
          <div className="field">
            <label htmlFor="audit-from">{t('filters.from')}</label>
            <input id="audit-from" name="from" type="date" defaultValue={filters.from} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t('filters.to')}</label>
            <input id="audit-to" name="to" type="date" defaultValue={filters.to} />
          </div>
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('filters.apply')}
            </button>
          </div>
        </form>
      </section>
      <section className="card">
        {events.items.length === 0 ? (
          <p className="muted">{t('audit.none')}</p>
        ) : (
          <table className="table table--dense">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.target')}</th>
                <th>{t('audit.change')}</th>
                <th>IP</th>
              </tr>
            </thead>
            <tbody>
              {events.items.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.at)}</td>
                  <td>{event.actor?.name ?? event.actor?.type ?? '—'}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    {event.targetType ?? '—'} <span className="muted small">{event.targetId ?? ''}</span>
                  </td>
                  <td className="change">
                    <div>
                      <span className="muted small">{t('audit.before')}</span> {summary(event.before)}
                    </div>
                    <div>
                      <span className="muted small">{t('audit.after')}</span> {summary(event.after)}
                    </div>
                  </td>
                  <td>{event.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager
          basePath="/administracja/dziennik"
          query={filters}
          page={page}
          pageSize={events.pageSize ?? PAGE_SIZE}
          total={events.total ?? events.items.length}
        />
      </section>
    </>
  );
}
