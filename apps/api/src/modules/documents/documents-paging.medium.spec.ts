import { AccessBuilders } from '@bufor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';
import { DOCUMENT_SORTS } from './dto/list-documents.dto';

interface ListBody {
  items: { id: string; folderId: string; number: string }[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
}
interface Problem {
  code: string;
  errors: { path: string; message: string }[];
}

const ORDER_BY: Record<(typeof DOCUMENT_SORTS)[number], string> = {
  issueDate: 'issue_date ASC, id ASC',
  '-issueDate': 'issue_date DESC, id DESC',
  number: 'number ASC, id ASC',
  '-number': 'number DESC, id DESC',
  grossTotal: 'gross_total ASC, id ASC',
  '-grossTotal': 'gross_total DESC, id DESC',
};

describe('documents: keyset (cursor) paging', () => {
  let api: TestApi;
  let b: AccessBuilders;
  beforeAll(async () => {
    api = await startTestApi('docpaging');
    b = new AccessBuilders(api.ctx.dataSource);
  });
  afterAll(() => api.close());

  async function list(token: string, query: string): Promise<ListBody> {
    const response = await api.request(`/v1/documents?${query}`, { token });
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as ListBody;
  }

  /** Follows nextCursor from the first page to the last; returns every page. */
  async function walk(token: string, query: string): Promise<ListBody[]> {
    const pages = [await list(token, query)];
    while (pages.at(-1)!.nextCursor) {
      pages.push(await list(token, `${query}&cursor=${pages.at(-1)!.nextCursor}`));
      expect(pages.length).toBeLessThan(100);
    }
    return pages;
  }

  /**
   * A company whose documents share dates, numbers and amounts (ties on every sort key) in three folders; the
   * store user sees Kraków, and in Koszty only purchases.
   */
  async function company() {
    const tenant = await api.ctx.newTenant();
    const admin = await api.ctx.newUser({ tenant, role: 'admin' });
    const storeUser = await api.ctx.newUser({ tenant, role: 'user' });
    const krakow = await b.newFolder(tenant, 'Sklepy/Kraków');
    const warszawa = await b.newFolder(tenant, 'Sklepy/Warszawa');
    const costs = await b.newFolder(tenant, 'Koszty');
    await b.newGrant({ tenant, folder: krakow, user: storeUser });
    await b.newGrant({ tenant, folder: costs, user: storeUser, documentKinds: ['purchase'] });
    const folders = [krakow, warszawa, costs];
    for (let i = 0; i < 30; i += 1) {
      await b.newDocument({
        tenant,
        folder: folders[i % 3]!,
        direction: i % 4 === 0 ? 'purchase' : 'sales',
        number: `FV/${i % 5}`,
        issueDate: `2026-10-0${1 + (i % 3)}`,
        grossTotal: ['10.00', '99.99', '10.00', '1200.50'][i % 4],
      });
    }
    return { tenant, admin, storeUser, krakow, warszawa, costs };
  }

  /** The order the list must follow, by a plain query as the owner over the rows the subject may see. */
  async function expectedIds(tenantId: string, sort: (typeof DOCUMENT_SORTS)[number], where: string) {
    const rows = await api.ctx.dataSource.query<{ id: string }[]>(
      `SELECT id FROM documents WHERE tenant_id = $1 AND ${where} ORDER BY ${ORDER_BY[sort]}`,
      [tenantId],
    );
    return rows.map((row) => row.id);
  }

  it('walks every sort page by page without skipping or repeating a row, ties included, permissions applied', async () => {
    const c = await company();
    const adminToken = await api.signIn(c.admin);
    const userToken = await api.signIn(c.storeUser);
    const userSees = `(folder_id = '${c.krakow.id}' OR (folder_id = '${c.costs.id}' AND direction = 'purchase'))`;
    for (const sort of DOCUMENT_SORTS) {
      for (const [token, where] of [
        [adminToken, 'true'],
        [userToken, userSees],
      ] as const) {
        const expected = await expectedIds(c.tenant.id, sort, where);
        const pages = await walk(token, `sort=${sort}&pageSize=4`);
        const seen = pages.flatMap((page) => page.items.map((item) => item.id));
        expect(seen, `${sort} ${where}`).toEqual(expected);
        expect(pages.slice(0, -1).every((page) => page.items.length === 4)).toBe(true);
        expect(pages.at(-1)!.nextCursor).toBeNull();
        expect(pages.every((page) => page.total === expected.length && page.totalExact)).toBe(true);
      }
    }
    expect((await expectedIds(c.tenant.id, 'number', userSees)).length).toBeGreaterThan(8);
  });

  it('pages a user who sees many folders (read in index order, not folder by folder) the same way', async () => {
    const tenant = await api.ctx.newTenant();
    const accountant = await api.ctx.newUser({ tenant, role: 'user' });
    const shops = await b.newFolder(tenant, 'Sklepy');
    const elsewhere = await b.newFolder(tenant, 'Centrala');
    await api.ctx.dataSource.query(
      `INSERT INTO folders (tenant_id, parent_id, name) SELECT $1, $2, 'Sklep ' || i FROM generate_series(1, 70) i`,
      [tenant.id, shops.id],
    );
    await api.ctx.dataSource.query(
      `INSERT INTO documents (tenant_id, folder_id, direction, kind, status, number, seller_name, buyer_name,
         issue_date, net_total, vat_total, gross_total)
       SELECT $1, f.id, (ARRAY['sales','purchase'])[1 + i % 2], (ARRAY['vat','correction','vat'])[1 + i % 3],
              (ARRAY['accepted','received'])[1 + i % 2], 'N/' || (i % 4), 'S', 'B', date '2026-10-01' + i % 2,
              1, 0.23, (i % 3)::numeric
         FROM folders f CROSS JOIN generate_series(1, 3) i
        WHERE f.tenant_id = $1 AND (f.parent_id = $2 OR f.id = $3)`,
      [tenant.id, shops.id, elsewhere.id],
    );
    await b.newGrant({ tenant, folder: shops, user: accountant, documentKinds: ['purchase', 'correction'] });
    const token = await api.signIn(accountant);
    const sees = `folder_id IN (SELECT id FROM folders WHERE parent_id = '${shops.id}')
      AND (direction = 'purchase' OR kind = 'correction')`;
    for (const sort of DOCUMENT_SORTS) {
      const expected = await expectedIds(tenant.id, sort, sees);
      const pages = await walk(token, `sort=${sort}&pageSize=40`);
      expect(
        pages.flatMap((page) => page.items.map((item) => item.id)),
        sort,
      ).toEqual(expected);
      expect(pages[0]!.total).toBe(expected.length);
    }
    const received = await expectedIds(tenant.id, '-issueDate', `${sees} AND status = 'received'`);
    const filtered = await walk(token, 'status=received&pageSize=50');
    expect(filtered.flatMap((page) => page.items.map((item) => item.id))).toEqual(received);
    expect(filtered[0]).toMatchObject({ total: received.length, totalExact: true });
    expect(received.length).toBeGreaterThan(64);
  });

  it('pages filtered lists by cursor, and page 2 by offset is the same as page 2 by cursor', async () => {
    const c = await company();
    const token = await api.signIn(c.admin);
    const query = 'sort=-grossTotal&pageSize=3&direction=sales&dateFrom=2026-10-02';
    const expected = await expectedIds(
      c.tenant.id,
      '-grossTotal',
      `direction = 'sales' AND issue_date >= '2026-10-02'`,
    );
    const pages = await walk(token, query);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(expected);
    const byOffset = await list(token, `${query}&page=2`);
    expect(byOffset.items).toEqual(pages[1]!.items);
    expect(byOffset.nextCursor).toBe(pages[1]!.nextCursor);
  });

  it('keeps its place when documents are added before the cursor while paging', async () => {
    const c = await company();
    const token = await api.signIn(c.admin);
    const first = await list(token, 'pageSize=10');
    // Newer than everything listed: offset paging would shift and repeat a row; the cursor does not.
    await b.newDocument({ tenant: c.tenant, folder: c.krakow, issueDate: '2026-12-01', number: 'NOWA/1' });
    const second = await list(token, `pageSize=10&cursor=${first.nextCursor}`);
    const firstIds = new Set(first.items.map((item) => item.id));
    expect(second.items.some((item) => firstIds.has(item.id))).toBe(false);
    expect(second.items).toHaveLength(10);
    expect(second.total).toBe(31);
  });

  it('refuses a bad cursor with a Polish problem at the path cursor', async () => {
    const c = await company();
    const token = await api.signIn(c.admin);
    const valid = (await list(token, 'pageSize=2')).nextCursor!;
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: [string, RegExp][] = [
      ['cursor=nie-kursor!', /Nieprawidłowy kursor strony/],
      [`cursor=${forge({ v: 1, s: '-issueDate', k: '2026-02-31', i: c.krakow.id })}`, /Nieprawidłowy kursor/],
      [`cursor=${forge({ v: 1, s: '-issueDate', k: "2026-01-01' OR 1=1", i: c.krakow.id })}`, /Nieprawidłowy/],
      [`cursor=${forge({ v: 2, s: '-issueDate', k: '2026-01-01', i: c.krakow.id })}`, /Nieprawidłowy/],
      [`cursor=${forge(['x'])}`, /Nieprawidłowy/],
      [`cursor=${valid}&sort=number`, /innym sortowaniu/],
      [`cursor=${valid}&page=2`, /cursor\) albo numer strony/],
    ];
    for (const [query, message] of cases) {
      const response = await api.request(`/v1/documents?pageSize=2&${query}`, { token });
      expect(response.status, query).toBe(400);
      const problem = (await response.json()) as Problem;
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors.map((e) => e.path)).toEqual(['cursor']);
      expect(problem.errors[0]!.message).toMatch(message);
    }
  });

  it('a cursor is only a position: tenant B’s cursor shows tenant A nothing of B', async () => {
    const a = await company();
    const other = await company();
    const foreign = (await list(await api.signIn(other.admin), 'pageSize=2')).nextCursor!;
    const page = await list(await api.signIn(a.admin), `pageSize=50&cursor=${foreign}`);
    const mine = new Set(await expectedIds(a.tenant.id, '-issueDate', 'true'));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((item) => mine.has(item.id))).toBe(true);
  });
});
