import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';
import { personCertificate, sealCertificate, xadesLogin, xadesStatus } from '../testing/xades-login';

type Exception = { exception: { exceptionDetailList: { exceptionCode: number }[] } };

let h: SimHarness;
beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false } });
});
afterAll(async () => h.close());

/** A PESEL with a valid date part (checksum is not validated by the contract pattern). */
function randomPesel(): string {
  return `90010${Math.floor(Math.random() * 10)}${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}`;
}

describe('/testdata', () => {
  it('person: a PESEL becomes the owner of the NIP; removal drops it; a deceased person gets 470', async () => {
    const nip = randomNip();
    const pesel = randomPesel();
    const cert = personCertificate({ pesel });
    expect(await xadesStatus(h, cert, nip)).toBe(415);
    const created = await h.api('POST', '/testdata/person', {
      body: { nip, pesel, isBailiff: false, description: 'Osoba testowa' },
    });
    expect(created.status).toBe(200);
    expect(await xadesStatus(h, cert, nip)).toBe(200);
    const again = await h.api<Exception>('POST', '/testdata/person', {
      body: { nip, pesel, isBailiff: false, description: 'Osoba testowa' },
    });
    expect(again.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(30001);
    expect((await h.api('POST', '/testdata/person/remove', { body: { nip } })).status).toBe(200);
    expect(await xadesStatus(h, cert, nip)).toBe(415);

    const deceased = randomPesel();
    await h.api('POST', '/testdata/person', {
      body: { nip, pesel: deceased, isBailiff: false, description: 'Osoba zmarła', isDeceased: true },
    });
    expect(await xadesStatus(h, personCertificate({ pesel: deceased }), nip)).toBe(470);
  });

  it('permissions: a ZAW-FA grant lets another NIP in, revoke takes it away', async () => {
    const [owner, agent] = [randomNip(), randomNip()];
    const cert = sealCertificate(agent);
    expect(await xadesStatus(h, cert, owner)).toBe(415);
    const grant = {
      contextIdentifier: { type: 'Nip', value: owner },
      authorizedIdentifier: { type: 'Nip', value: agent },
      permissions: [{ permissionType: 'InvoiceRead', description: 'Odczyt faktur' }],
    };
    expect((await h.api('POST', '/testdata/permissions', { body: grant })).status).toBe(200);
    const tokens = await xadesLogin(h, cert, owner);
    const query = await h.api('POST', '/invoices/query/metadata', {
      token: tokens.accessToken,
      body: {
        subjectType: 'Subject2',
        dateRange: { dateType: 'Invoicing', from: new Date(Date.now() - 60_000).toISOString() },
      },
    });
    expect(query.status).toBe(200);
    const duplicate = await h.api<Exception>('POST', '/testdata/permissions', { body: grant });
    expect(duplicate.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(30001);
    const revoke = { contextIdentifier: grant.contextIdentifier, authorizedIdentifier: grant.authorizedIdentifier };
    expect((await h.api('POST', '/testdata/permissions/revoke', { body: revoke })).status).toBe(200);
    expect(await xadesStatus(h, cert, owner)).toBe(415);
  });

  it('context block makes authentication end with 480 until unblocked', async () => {
    const nip = randomNip();
    const cert = sealCertificate(nip);
    const context = { contextIdentifier: { type: 'Nip', value: nip } };
    expect((await h.api('POST', '/testdata/context/block', { body: context })).status).toBe(200);
    expect(await xadesStatus(h, cert, nip)).toBe(480);
    expect((await h.api('POST', '/testdata/context/unblock', { body: context })).status).toBe(200);
    expect(await xadesStatus(h, cert, nip)).toBe(200);
  });

  it('subject: creates once (30001 on repeat without a later createdDate), removes; validates input', async () => {
    const nip = randomNip();
    const body = {
      subjectNip: nip,
      subjectType: 'VatGroup',
      description: 'Grupa VAT testowa',
      subunits: [{ subjectNip: randomNip(), description: 'Członek grupy' }],
    };
    expect((await h.api('POST', '/testdata/subject', { body })).status).toBe(200);
    const again = await h.api<Exception>('POST', '/testdata/subject', { body });
    expect(again.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(30001);
    expect((await h.api('POST', '/testdata/subject/remove', { body: { subjectNip: nip } })).status).toBe(200);
    expect((await h.api('POST', '/testdata/subject', { body })).status).toBe(200);
    const invalid = await h.api<Exception>('POST', '/testdata/subject', {
      body: { subjectNip: '123', subjectType: 'JST', description: 'x' },
    });
    expect(invalid.body.exception.exceptionDetailList[0]!.exceptionCode).toBe(21405);
    expect((await h.api('POST', '/testdata/attachment', { body: { nip } })).status).toBe(200);
    expect((await h.api('POST', '/testdata/attachment/revoke', { body: { nip } })).status).toBe(200);
  });
});
