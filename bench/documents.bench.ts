/**
 * Permission-filtered document list benchmark: `npx tsx bench/documents.bench.ts`.
 * Builds a fresh database (createTestDatabase) with one company holding BENCH_DOCUMENTS documents (default
 * 1,000,000) in 2,000 folders, 500 users and 200 groups with folder grants, all bulk-inserted with generate_series.
 * Then it times the API's own query code (DocumentsRepository.list and FoldersRepository.visible through TenantScope,
 * as the app role that row-level security confines) for a store user, an admin and an accountant: first pages and
 * deep pages reached as the product reaches them (following nextCursor; one offset case for comparison), with and
 * without filters, and prints rows returned, total, p50/p95 per case (target p95 <= 50 ms). It asserts nothing.
 * BENCH_EXPLAIN=1 prints the query plans; BENCH_ONLY=<text> runs the cases whose label contains it.
 * Env: BENCH_DOCUMENTS, BENCH_RUNS (timed runs per case, default 60), BENCH_KEEP=1 keeps the database,
 * BENCH_REUSE=<database> measures a kept database again without loading.
 */
import { performance } from 'node:perf_hooks';
// The compiled @bufor/db (tsx would apply TC39 decorators to the entities' sources); build it with `npx tsc -b packages/db`.
import { createDataSource, type TenantRef, TenantScope } from '../packages/db/dist/index';
import { createTestDatabase, type TestDatabase, testEnv } from '../packages/testing/src/index';
import type { AccessSubject } from '../apps/api/src/modules/permissions/access-subject';
import { DocumentsRepository } from '../apps/api/src/modules/documents/documents.repository';
import {
  documentListSql,
  type ListFilters,
  type ListWindow,
} from '../apps/api/src/modules/documents/document-list.sql';
import type { DocumentSort } from '../apps/api/src/modules/documents/dto/list-documents.dto';
import { FoldersRepository } from '../apps/api/src/modules/folders/folders.repository';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const ONLY = process.env.BENCH_ONLY;
const STORES = 399; // 399 stores x (store + 4 subfolders) + Nieprzypisane, Sklepy, Koszty, Centrala, Archiwum = 2,000
const USERS = 500;
const ADMINS = 5;
const GROUPS = 200;
const PAGE_SIZE = 50;
const WIDTH = 58;

type Owner = ReturnType<typeof createDataSource>;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  process.stdout.write(`  ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
  return result;
}

/** One company with the whole data set; returns its id, a store user's id and an admin's id. */
async function load(owner: Owner): Promise<{ tenantId: string; storeUserId: string }> {
  const [tenant] = await owner.query<{ id: string }[]>(
    `INSERT INTO tenants (nip, slug, name, plan) VALUES ('1234563218', 'bench', 'Sieć Sklepów Bench S.A.', 'full')
     RETURNING id`,
  );
  const t = tenant!.id;
  await timed('folders', async () => {
    await owner.query(
      `INSERT INTO folders (tenant_id, parent_id, name) SELECT $1, NULL, n FROM unnest(ARRAY['Sklepy','Koszty','Centrala','Archiwum']) n`,
      [t],
    );
    await owner.query(
      `INSERT INTO folders (tenant_id, parent_id, name)
       SELECT $1, (SELECT id FROM folders WHERE tenant_id = $1 AND name = 'Sklepy' AND parent_id IS NULL),
              'Sklep ' || lpad(i::text, 3, '0') FROM generate_series(1, ${STORES}) i`,
      [t],
    );
    await owner.query(
      `INSERT INTO folders (tenant_id, parent_id, name)
       SELECT $1, s.id, sub FROM folders s
         JOIN folders p ON p.id = s.parent_id AND p.name = 'Sklepy'
        CROSS JOIN unnest(ARRAY['Sprzedaż','Zakupy','Zwroty','Archiwum']) sub
        WHERE s.tenant_id = $1`,
      [t],
    );
  });
  await timed('users, groups, grants', async () => {
    await owner.query(
      `INSERT INTO users (email, display_name) SELECT 'bench-' || i || '@example.pl', 'Osoba ' || i FROM generate_series(1, ${USERS}) i`,
    );
    await owner.query(
      `INSERT INTO memberships (tenant_id, user_id, role)
       SELECT $1, id, CASE WHEN row_number() OVER (ORDER BY email) <= ${ADMINS} THEN 'admin' ELSE 'user' END
         FROM users WHERE email LIKE 'bench-%'`,
      [t],
    );
    await owner.query(
      `INSERT INTO user_groups (tenant_id, name) SELECT $1, 'Sklep ' || lpad(i::text, 3, '0') FROM generate_series(1, ${GROUPS}) i`,
      [t],
    );
    // Each person is in one or two store groups; a group sees its store (and the store's subfolders).
    await owner.query(
      `WITH u AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE 'bench-%'),
            g AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM user_groups WHERE tenant_id = $1)
       INSERT INTO user_group_members (group_id, user_id, tenant_id)
       SELECT DISTINCT g.id, u.id, $1 FROM u JOIN g ON g.n = 1 + (u.n % ${GROUPS}) OR g.n = 1 + ((u.n * 7) % ${GROUPS})`,
      [t],
    );
    await owner.query(
      `INSERT INTO folder_grants (tenant_id, folder_id, group_id, permission, document_kinds)
       SELECT $1, f.id, g.id, CASE WHEN g.name < 'Sklep 100' THEN 'handle' ELSE 'view' END,
              CASE WHEN g.name >= 'Sklep 150' THEN ARRAY['purchase','correction']::varchar[] END
         FROM user_groups g JOIN folders f ON f.tenant_id = $1 AND f.name = g.name
        WHERE g.tenant_id = $1`,
      [t],
    );
    // Some personal grants on cost folders and other stores' sales.
    await owner.query(
      `WITH u AS (SELECT user_id, row_number() OVER (ORDER BY user_id) AS n FROM memberships WHERE tenant_id = $1 AND role = 'user'),
            f AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM folders WHERE tenant_id = $1 AND name = 'Sprzedaż')
       INSERT INTO folder_grants (tenant_id, folder_id, user_id, permission)
       SELECT $1, f.id, u.user_id, 'view' FROM u JOIN f ON f.n = 1 + (u.n * 13) % ${STORES} WHERE u.n % 5 = 0`,
      [t],
    );
  });
  await timed(`${DOCUMENTS.toLocaleString('en')} documents`, async () => {
    const chunk = 250_000;
    for (let from = 1; from <= DOCUMENTS; from += chunk) {
      const to = Math.min(DOCUMENTS, from + chunk - 1);
      await owner.query(
        // Every attribute from its own hash of i, so folder, direction, kind, status and date are independent;
        // dates run over three years in insertion order (~900 documents a day, many ties on the date).
        `WITH f AS (SELECT array_agg(id ORDER BY id) AS ids FROM folders WHERE tenant_id = $1),
              g AS (SELECT i, (hashint4(i)::bigint & 2147483647) AS h1, (hashint4(i + 1000000007)::bigint & 2147483647) AS h2,
                           (hashint4(i + 2000000011)::bigint & 2147483647) AS h3,
                           date '2023-11-01' + ((i - 1)::bigint * 1096 / ${DOCUMENTS})::int AS day
                      FROM generate_series(${from}, ${to}) i),
              x AS (SELECT g.*, h2 % 5 < 3 AS sales FROM g)
         INSERT INTO documents (tenant_id, folder_id, direction, kind, status, number, seller_nip, seller_name,
           buyer_nip, buyer_name, issue_date, sale_date, net_total, vat_total, gross_total, ksef_number)
         SELECT $1, f.ids[(1 + h1 % cardinality(f.ids))::int],
                CASE WHEN sales THEN 'sales' ELSE 'purchase' END,
                (ARRAY['vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','correction','correction','advance','settlement','simplified','vat'])[(1 + h3 % 20)::int],
                CASE WHEN sales THEN (ARRAY['accepted','accepted','accepted','queued','rejected','draft'])[(1 + (h3 / 20) % 6)::int]
                     ELSE (ARRAY['received','booked','booked','ignored'])[(1 + (h3 / 20) % 4)::int] END,
                CASE WHEN sales THEN 'FV/' ELSE 'F/' END || to_char(day, 'YYYY/MM/DD') || '/' || i,
                CASE WHEN sales THEN '1234563218' ELSE (5200000000 + (h2 / 5) % 2000)::text END,
                CASE WHEN sales THEN 'Sieć Sklepów Bench S.A.' ELSE 'Dostawca ' || (h2 / 5) % 2000 END,
                CASE WHEN sales THEN (7700000000 + (h2 / 5) % 20000)::text ELSE '1234563218' END,
                CASE WHEN sales THEN 'Nabywca ' || (h2 / 5) % 20000 ELSE 'Sieć Sklepów Bench S.A.' END,
                day, day,
                (h1 / 2000 % 1000000) / 100.0, (h1 / 2000 % 1000000) * 0.23 / 100.0,
                round((h1 / 2000 % 1000000) * 1.23 / 100.0, 2),
                CASE WHEN sales AND (h3 / 20) % 6 < 3 THEN '1234563218-' || to_char(day, 'YYYYMMDD') || '-' || upper(lpad(to_hex(i), 12, '0')) || '-00' END
           FROM x, f`,
        [t],
      );
    }
  });
  await timed('vacuum analyze', () => owner.query('VACUUM ANALYZE'));
  return { tenantId: t, storeUserId: await storeUser(owner, t) };
}

/** The ids of a database loaded earlier (BENCH_REUSE). */
async function benchIdentities(owner: Owner): Promise<{ tenantId: string; storeUserId: string }> {
  const [tenant] = await owner.query<{ id: string }[]>(`SELECT id FROM tenants WHERE slug = 'bench'`);
  return { tenantId: tenant!.id, storeUserId: await storeUser(owner, tenant!.id) };
}

function reusedDatabase(name: string): TestDatabase {
  const url = (as: 'owner' | 'app'): string => {
    const parsed = new URL(testEnv.postgresAdminUrl);
    parsed.pathname = `/${name}`;
    if (as === 'app') {
      parsed.username = testEnv.postgresAppUser;
      parsed.password = testEnv.postgresAppPassword;
    }
    return parsed.toString();
  };
  return { name, url: url('owner'), appUrl: url('app'), drop: () => Promise.resolve() };
}

async function storeUser(owner: Owner, t: string): Promise<string> {
  // A store user: in the group of "Sklep 001" (handle on the store and its 4 subfolders), preferably nothing else.
  const [store] = await owner.query<{ user_id: string }[]>(
    `SELECT m.user_id FROM user_group_members m JOIN user_groups g ON g.id = m.group_id
      WHERE g.tenant_id = $1 AND g.name = 'Sklep 001'
      ORDER BY EXISTS (SELECT 1 FROM folder_grants x WHERE x.user_id = m.user_id), m.user_id LIMIT 1`,
    [t],
  );
  return store!.user_id;
}

/** An accountant: `view` on "Sklepy" (every store and its subfolders), for purchase invoices only. Idempotent. */
async function accountant(owner: Owner, t: string): Promise<string> {
  await owner.query(
    `INSERT INTO users (email, display_name) VALUES ('bench-ksiegowa@example.pl', 'Księgowa') ON CONFLICT DO NOTHING`,
  );
  const [user] = await owner.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'bench-ksiegowa@example.pl'`);
  await owner.query(
    `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'user') ON CONFLICT DO NOTHING`,
    [t, user!.id],
  );
  await owner.query(
    `INSERT INTO folder_grants (tenant_id, folder_id, user_id, permission, document_kinds)
     SELECT $1, f.id, $2, 'view', ARRAY['purchase']::varchar[] FROM folders f
      WHERE f.tenant_id = $1 AND f.name = 'Sklepy' AND f.parent_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM folder_grants g WHERE g.tenant_id = $1 AND g.user_id = $2)`,
    [t, user!.id],
  );
  return user!.id;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Case {
  label: string;
  subject: AccessSubject;
  filters: ListFilters;
  sort?: DocumentSort;
  /** The page to measure, reached the way the product reaches it: by following nextCursor (or by offset). */
  page?: number;
  byOffset?: boolean;
}

interface Prepared {
  window: ListWindow;
  rows: number;
  total: string;
}

/** Walks to the case's page by cursor (or computes its offset) and returns the window that asks for that page. */
async function prepare(repository: DocumentsRepository, tenant: TenantRef, c: Case): Promise<Prepared> {
  const sort = c.sort ?? '-issueDate';
  let window: ListWindow = { sort, offset: 0, pageSize: PAGE_SIZE };
  if (c.byOffset) window = { ...window, offset: ((c.page ?? 1) - 1) * PAGE_SIZE };
  else {
    for (let page = 1; page < (c.page ?? 1); page += 1) {
      const { next } = await repository.list(tenant, c.subject, c.filters, window);
      if (!next) throw new Error(`${c.label}: the list ends before page ${c.page}`);
      window = { ...window, cursor: next };
    }
  }
  const page = await repository.list(tenant, c.subject, c.filters, window);
  return { window, rows: page.items.length, total: `${page.total}${page.totalExact ? '' : '+'}` };
}

interface Timed {
  label: string;
  rows: string;
  total: string;
  work: () => Promise<unknown>;
  times: number[];
}

/**
 * Times every case RUNS times in interleaved rounds (case 1, 2, … n, then again), so a burst of load from other
 * work on the machine falls on all cases alike instead of on whichever case happened to run then.
 */
async function measureAll(timed: Timed[]): Promise<void> {
  for (const t of timed) for (let i = 0; i < 3; i += 1) await t.work();
  for (let round = 0; round < RUNS; round += 1) {
    for (const t of timed) {
      const start = performance.now();
      await t.work();
      t.times.push(performance.now() - start);
    }
  }
}

function summary(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

function line(label: string, rows: string, total: string, times: { p50: number; p95: number }): void {
  const ms = (value: number) => value.toFixed(1).padStart(8);
  process.stdout.write(
    `${label.padEnd(WIDTH)} ${rows.padStart(5)} ${total.padStart(9)} ${ms(times.p50)} ${ms(times.p95)}${times.p95 > 50 ? '  > 50 ms' : ''}\n`,
  );
}

async function main(): Promise<void> {
  process.stdout.write(
    `documents bench: ${DOCUMENTS.toLocaleString('en')} documents, 2,000 folders, ${USERS} users, ${GROUPS} groups\n`,
  );
  const reuse = process.env.BENCH_REUSE;
  const database = reuse ? reusedDatabase(reuse) : await createTestDatabase('docbench');
  const owner = createDataSource({ url: database.url, applicationName: 'bench-owner', poolSize: 2 });
  await owner.initialize();
  const app = createDataSource({ url: database.appUrl, applicationName: 'bench-app', poolSize: 2 });
  try {
    const { tenantId, storeUserId } = reuse ? await benchIdentities(owner) : await load(owner);
    const accountantId = await accountant(owner, tenantId);
    await app.initialize();
    const scope = new TenantScope(app);
    const repository = new DocumentsRepository(scope);
    const folders = new FoldersRepository(scope);
    const tenant = { id: tenantId };
    const store: AccessSubject = { kind: 'user', userId: storeUserId };
    const admin: AccessSubject = { kind: 'all' };
    const books: AccessSubject = { kind: 'user', userId: accountantId };
    // Sales accepted by KSeF in two years (about 13% of all documents).
    const filtered: ListFilters = {
      direction: 'sales',
      status: 'accepted',
      dateFrom: '2024-07-01',
      dateTo: '2026-06-30',
    };
    const cases: Case[] = [
      { label: 'store user, first page', subject: store, filters: {} },
      { label: 'store user, deep page (cursor, page 40)', subject: store, filters: {}, page: 40 },
      { label: 'store user, deep page (offset, page 40)', subject: store, filters: {}, page: 40, byOffset: true },
      { label: 'store user, filtered first page', subject: store, filters: filtered },
      { label: 'store user, filtered deep page (cursor, page 5)', subject: store, filters: filtered, page: 5 },
      {
        label: 'store user, by number, deep page (cursor, page 20)',
        subject: store,
        filters: {},
        sort: 'number',
        page: 20,
      },
      { label: 'admin, first page', subject: admin, filters: {} },
      { label: 'admin, deep page (cursor, page 200)', subject: admin, filters: {}, page: 200 },
      { label: 'admin, deep page (offset, page 200)', subject: admin, filters: {}, page: 200, byOffset: true },
      { label: 'admin, filtered first page', subject: admin, filters: filtered },
      { label: 'admin, filtered deep page (cursor, page 200)', subject: admin, filters: filtered, page: 200 },
      {
        label: 'admin, kind=correction, deep page (cursor, page 50)',
        subject: admin,
        filters: { kind: 'correction' },
        page: 50,
      },
      {
        label: 'admin, status=rejected, one month',
        subject: admin,
        filters: { status: 'rejected', dateFrom: '2025-03-01', dateTo: '2025-03-31' },
      },
      {
        label: 'admin, by amount, deep page (cursor, page 100)',
        subject: admin,
        filters: {},
        sort: '-grossTotal',
        page: 100,
      },
      { label: 'admin, NIP filter (a supplier)', subject: admin, filters: { nip: '5200000017' } },
      { label: 'admin, number prefix (one day of sales)', subject: admin, filters: { number: 'FV/2025/03/14/' } },
      { label: 'accountant (purchases of 1,996 store folders)', subject: books, filters: {} },
      { label: 'accountant, deep page (cursor, page 50)', subject: books, filters: {}, page: 50 },
      {
        label: 'accountant, booked in 2025, deep page (cursor, page 20)',
        subject: books,
        filters: { status: 'booked', dateFrom: '2025-01-01', dateTo: '2025-12-31' },
        page: 20,
      },
    ];
    const timed: Timed[] = [];
    for (const c of cases.filter((c) => !ONLY || c.label.includes(ONLY))) {
      const prepared = await prepare(repository, tenant, c);
      const work = () => repository.list(tenant, c.subject, c.filters, prepared.window);
      timed.push({ label: c.label, rows: String(prepared.rows), total: prepared.total, work, times: [] });
      if (EXPLAIN) {
        const { sql: statement, values } = documentListSql(tenant, c.subject, c.filters, prepared.window);
        const sql = `EXPLAIN (ANALYZE, BUFFERS) ${statement}`;
        const plan = await scope.run(tenant, async (m) => {
          await m.query('SET LOCAL jit = off');
          return m.query<{ 'QUERY PLAN': string }[]>(sql, values);
        });
        process.stdout.write(`${c.label}\n${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}\n`);
      }
    }
    for (const [label, subject] of [
      ['GET /v1/folders: admin (2,000 folders with counts)', admin],
      ['GET /v1/folders: store user', store],
    ] as const) {
      if (ONLY && !label.includes(ONLY)) continue;
      const rows = (await folders.visible(tenant, subject)).length;
      timed.push({ label, rows: String(rows), total: '', work: () => folders.visible(tenant, subject), times: [] });
    }
    await measureAll(timed);
    process.stdout.write(`\n${'case'.padEnd(WIDTH)} ${'rows'.padStart(5)} ${'total'.padStart(9)}   p50 ms   p95 ms\n`);
    for (const t of timed) line(t.label, t.rows, t.total, summary(t.times));
  } finally {
    if (app.isInitialized) await app.destroy();
    await owner.destroy();
    if (process.env.BENCH_KEEP === '1' || reuse) process.stdout.write(`kept database ${database.name}\n`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
