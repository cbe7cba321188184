import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../testing/start-test-api';
import { DEMO_DOCUMENT_COUNT, DEMO_STORE_USER_EMAIL } from './demo-documents';
import { seedDemo } from './demo-seed';

describe('demo documents', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('demodocs');
  });
  afterAll(() => api.close());

  it('seeds folders, groups, a grant and documents once, however often it runs, and the store user sees only Kraków', async () => {
    const password = 'Demo-haslo-testowe-1';
    const passwordHash = (await api.ctx.newUser({ password })).passwordHash!;
    const people = [
      { email: 'wlasciciel@demo.bufor.local', displayName: 'Anna Nowak', role: 'owner' as const, passwordHash },
      { email: DEMO_STORE_USER_EMAIL, displayName: 'Piotr Zieliński', role: 'user' as const, passwordHash },
    ];
    const tenant = await seedDemo(api.ctx.dataSource, people);
    await seedDemo(api.ctx.dataSource, people);

    const counts = await api.ctx.dataSource.query<
      { documents: number; folders: number; groups: number; grants: number; members: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM documents WHERE tenant_id = $1) AS documents,
              (SELECT count(*)::int FROM folders WHERE tenant_id = $1) AS folders,
              (SELECT count(*)::int FROM user_groups WHERE tenant_id = $1) AS groups,
              (SELECT count(*)::int FROM folder_grants WHERE tenant_id = $1) AS grants,
              (SELECT count(*)::int FROM user_group_members WHERE tenant_id = $1) AS members`,
      [tenant.id],
    );
    // Nieprzypisane, Sklepy, Sklepy/Kraków, Sklepy/Warszawa, Koszty
    expect(counts[0]).toEqual({ documents: DEMO_DOCUMENT_COUNT, folders: 5, groups: 2, grants: 1, members: 1 });
    const kinds = await api.ctx.dataSource.query<{ direction: string; kind: string }[]>(
      `SELECT DISTINCT direction, kind FROM documents WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(new Set(kinds.map((k) => k.direction))).toEqual(new Set(['sales', 'purchase']));
    expect(new Set(kinds.map((k) => k.kind)).size).toBe(5);

    const login = await api.request('/v1/auth/login', {
      method: 'POST',
      json: { email: DEMO_STORE_USER_EMAIL, password },
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const folders = (await (await api.request('/v1/folders', { token })).json()) as { items: { path: string[] }[] };
    expect(folders.items.map((f) => f.path.join('/'))).toEqual(['Sklepy/Kraków']);
    const listed = (await (await api.request('/v1/documents?pageSize=200', { token })).json()) as {
      total: number;
      items: { grossTotal: string }[];
    };
    expect(listed.total).toBeGreaterThan(50);
    expect(listed.total).toBeLessThan(DEMO_DOCUMENT_COUNT);
    expect(listed.items.every((d) => /^-?\d+\.\d{2}$/.test(d.grossTotal))).toBe(true);
  });
});
