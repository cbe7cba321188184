import { createInvoiceValidator, parseInvoice } from '@bufor/fa3';
import type { ObjectKey, ObjectStore } from '@bufor/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBJECT_STORE } from '../../infrastructure/platform.module';
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

  it('gives the VAT and simplified invoices valid FA(3) XML that agrees with their rows, and a PDF', async () => {
    const store = api.app.get<ObjectStore>(OBJECT_STORE);
    const password = 'Demo-haslo-testowe-2';
    const passwordHash = (await api.ctx.newUser({ password })).passwordHash!;
    const owner = { email: 'pdf@demo.bufor.local', displayName: 'Anna Nowak', role: 'owner' as const, passwordHash };
    const tenant = await seedDemo(api.ctx.dataSource, [owner], store);

    const rows = await api.ctx.dataSource.query<
      { id: string; kind: string; number: string; gross: string; xmlKey: string | null; ksefNumber: string | null }[]
    >(
      `SELECT id, kind, number, gross_total::text AS gross, xml_key AS "xmlKey", ksef_number AS "ksefNumber"
         FROM documents WHERE tenant_id = $1 ORDER BY number`,
      [tenant.id],
    );
    const withXml = rows.filter((r) => r.xmlKey !== null);
    expect(withXml.length).toBeGreaterThan(DEMO_DOCUMENT_COUNT / 2);
    expect(new Set(withXml.map((r) => r.kind))).toEqual(new Set(['vat', 'simplified']));
    expect(rows.filter((r) => r.xmlKey === null).every((r) => !['vat', 'simplified'].includes(r.kind))).toBe(true);

    const validator = await createInvoiceValidator({ environment: 'TEST' });
    for (const row of withXml.slice(0, 25)) {
      const xml = (await store.get(row.xmlKey as ObjectKey)).body;
      const result = validator.validate(xml, { now: new Date('2027-01-01T00:00:00Z') });
      expect(
        result.issues.filter((i) => i.severity === 'error'),
        row.number,
      ).toEqual([]);
      const invoice = parseInvoice(xml);
      expect(invoice.Fa.P_2).toBe(row.number);
      expect(invoice.Fa.P_15).toBe(row.gross);
    }

    const login = await api.request('/v1/auth/login', { method: 'POST', json: { email: owner.email, password } });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const numbered = withXml.find((r) => r.ksefNumber !== null)!;
    const pdf = await api.request(`/v1/documents/${numbered.id}/pdf`, { token });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
