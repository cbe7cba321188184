/**
 * Permission-filtered document list benchmark: `npx tsx bench/documents.bench.ts`.
 * Builds a fresh database (createTestDatabase) with one company holding BENCH_DOCUMENTS documents (default
 * 1,000,000) in 2,000 folders, 500 users and 200 groups with folder grants, all bulk-inserted with generate_series.
 * Then it times the API's own query code (DocumentsRepository.list through TenantScope, as the app role that
 * row-level security confines) for a store user and for an admin: first page, a deep page, with and without filters,
 * and prints p50/p95 per case (target p95 <= 50 ms). It asserts nothing. BENCH_EXPLAIN=1 prints the query plans.
 * Env: BENCH_DOCUMENTS, BENCH_RUNS (timed runs per case, default 60), BENCH_KEEP=1 keeps the database,
 * BENCH_REUSE=<database> measures a kept database again without loading.
 */
import { performance } from 'node:perf_hooks';
// The compiled @bufor/db (tsx would apply TC39 decorators to the entities' sources); build it with `npx tsc -b packages/db`.
import { createDataSource, TenantScope } from '../packages/db/dist/index';
import { createTestDatabase, type TestDatabase, testEnv } from '../packages/testing/src/index';
import type { AccessSubject } from '../apps/api/src/modules/permissions/access-subject';
import { DocumentsRepository, documentListSql } from '../apps/api/src/modules/documents/documents.repository';
import type { DocumentFilters } from '../apps/api/src/modules/documents/dto/list-documents.dto';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const STORES = 399; // 399 stores x (store + 4 subfolders) + Nieprzypisane, Sklepy, Koszty, Centrala, Archiwum = 2,000
const USERS = 500;
const ADMINS = 5;
const GROUPS = 200;

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
        `WITH f AS (SELECT array_agg(id ORDER BY id) AS ids FROM folders WHERE tenant_id = $1)
         INSERT INTO documents (tenant_id, folder_id, direction, kind, status, number, seller_nip, seller_name,
           buyer_nip, buyer_name, issue_date, sale_date, net_total, vat_total, gross_total, ksef_number)
         SELECT $1, f.ids[(1 + (i::bigint * 7919) % cardinality(f.ids))::int],
                CASE WHEN i % 5 < 3 THEN 'sales' ELSE 'purchase' END,
                (ARRAY['vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','vat','correction','correction','advance','settlement','simplified','vat'])[1 + i % 20],
                CASE WHEN i % 5 < 3 THEN (ARRAY['accepted','accepted','accepted','queued','rejected','draft'])[1 + i % 6]
                     ELSE (ARRAY['received','booked','booked','ignored'])[1 + i % 4] END,
                CASE WHEN i % 5 < 3 THEN 'FV/' ELSE 'F/' END || (i % 100000) || '/' || to_char(date '2024-01-01' + (i % 1000), 'MM/YYYY'),
                CASE WHEN i % 5 < 3 THEN '1234563218' ELSE lpad((5200000000 + (i * 31) % 5000)::text, 10, '0') END,
                CASE WHEN i % 5 < 3 THEN 'Sieć Sklepów Bench S.A.' ELSE 'Dostawca ' || (i * 31) % 5000 END,
                CASE WHEN i % 5 < 3 THEN lpad((7700000000 + (i * 17) % 20000)::text, 10, '0') ELSE '1234563218' END,
                CASE WHEN i % 5 < 3 THEN 'Nabywca ' || (i * 17) % 20000 ELSE 'Sieć Sklepów Bench S.A.' END,
                date '2024-01-01' + (i % 1000), date '2024-01-01' + (i % 1000),
                ((i::bigint * 7919) % 1000000) / 100.0, ((i::bigint * 7919) % 1000000) * 0.23 / 100.0,
                round(((i::bigint * 7919) % 1000000) * 1.23 / 100.0, 2),
                CASE WHEN i % 5 < 3 AND i % 6 < 3 THEN '1234563218-' || to_char(date '2024-01-01' + (i % 1000), 'YYYYMMDD') || '-' || upper(lpad(to_hex(i), 12, '0')) || '-00' END
           FROM generate_series(${from}, ${to}) i, f`,
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
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
    await app.initialize();
    const repository = new DocumentsRepository(new TenantScope(app));
    const tenant = { id: tenantId };
    const store: AccessSubject = { kind: 'user', userId: storeUserId };
    const admin: AccessSubject = { kind: 'all' };
    const base: DocumentFilters = { sort: '-issueDate', page: 1, pageSize: 50 };
    const filtered: DocumentFilters = {
      ...base,
      direction: 'sales',
      status: 'accepted',
      dateFrom: '2024-03-01',
      dateTo: '2025-06-30',
    };
    const cases: [string, AccessSubject, DocumentFilters][] = [
      ['store user, first page', store, base],
      ['store user, deep page (page 40)', store, { ...base, page: 40 }],
      ['store user, filtered first page', store, filtered],
      ['store user, filtered deep page (page 10)', store, { ...filtered, page: 10 }],
      ['admin, first page', admin, base],
      ['admin, deep page (page 200)', admin, { ...base, page: 200 }],
      ['admin, filtered first page', admin, filtered],
      ['admin, filtered deep page (page 200)', admin, { ...filtered, page: 200 }],
      ['admin, NIP filter', admin, { ...base, nip: '7700000017' }],
      ['admin, number prefix filter', admin, { ...base, number: 'FV/1232/' }],
    ];
    process.stdout.write(`\n${'case'.padEnd(44)} ${'total'.padStart(9)}   p50 ms   p95 ms\n`);
    for (const [label, subject, filters] of cases) {
      let total = '';
      for (let i = 0; i < 5; i += 1) {
        const page = await repository.list(tenant, subject, filters);
        total = `${page.total}${page.totalExact ? '' : '+'}`;
      }
      const times: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const start = performance.now();
        await repository.list(tenant, subject, filters);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      process.stdout.write(
        `${label.padEnd(44)} ${total.padStart(9)} ${percentile(times, 50).toFixed(1).padStart(8)} ${percentile(times, 95).toFixed(1).padStart(8)}\n`,
      );
      if (EXPLAIN) {
        const { sql: statement, values } = documentListSql(tenant, subject, filters);
        const sql = `EXPLAIN (ANALYZE, BUFFERS) ${statement}`;
        const plan = await new TenantScope(app).run(tenant, (m) => m.query<{ 'QUERY PLAN': string }[]>(sql, values));
        process.stdout.write(`${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}\n`);
      }
    }
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
