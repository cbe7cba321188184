import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithKsefToken } from '../testing/auth-flow';
import { SimHarness } from '../testing/sim-harness';
import { randomNip } from '../testing/test-crypto';
import { sealCertificate, xadesLogin, xadesStatus } from '../testing/xades-login';

type Exception = { exception: { exceptionDetailList: { exceptionCode: number }[] } };
type EnrollmentData = Record<string, string | null | undefined>;
const code = (body: unknown) => (body as Exception).exception.exceptionDetailList[0]!.exceptionCode;

const OPENSSL_NAMES: Record<string, string> = {
  commonName: 'CN',
  countryName: 'C',
  givenName: 'GN',
  surname: 'SN',
  serialNumber: 'serialNumber',
  organizationName: 'O',
  organizationIdentifier: 'organizationIdentifier',
};

/** A PKCS#10 CSR made with the openssl CLI (Node cannot create CSRs); returns DER Base64 and the private key. */
function makeCsr(data: EnrollmentData, key: 'ec' | 'rsa' | 'rsa1024' = 'ec'): { csr: string; privateKey: KeyObject } {
  const dir = mkdtempSync(join(tmpdir(), 'sim-csr-'));
  const subject = Object.entries(data)
    .filter(([, v]) => v)
    .map(([k, v]) => `/${OPENSSL_NAMES[k]!}=${v!}`)
    .join('');
  const keyArgs =
    key === 'ec'
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']
      : ['-newkey', key === 'rsa' ? 'rsa:2048' : 'rsa:1024'];
  execFileSync(
    'openssl',
    [
      'req',
      '-new',
      ...keyArgs,
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      join(dir, 'k.pem'),
      '-outform',
      'DER',
      '-out',
      join(dir, 'csr.der'),
    ],
    {
      stdio: 'ignore',
    },
  );
  return {
    csr: readFileSync(join(dir, 'csr.der')).toString('base64'),
    privateKey: createPrivateKey(readFileSync(join(dir, 'k.pem'))),
  };
}

let h: SimHarness;
beforeAll(async () => {
  h = await SimHarness.start({ rateLimits: { enabled: false } });
});
afterAll(async () => h.close());

async function enrollAndWait(token: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.api<{ referenceNumber: string }>('POST', '/certificates/enrollments', { token, body });
  expect(res.status).toBe(202);
  for (let i = 0; i < 200; i++) {
    const status = await h.api<{ status: { code: number }; certificateSerialNumber?: string | null }>(
      'GET',
      `/certificates/enrollments/${res.body.referenceNumber}`,
      { token },
    );
    expect(status.status).toBe(200);
    if (status.body.status.code === 200) return status.body.certificateSerialNumber!;
    expect(status.body.status.code).toBe(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('enrollment not finished');
}

describe('KSeF certificates', () => {
  it('enrolls from a real CSR, issues from the simulator CA, and an Offline certificate verifies a QR II signature', async () => {
    const nip = randomNip();
    const tokens = await xadesLogin(h, sealCertificate(nip), nip);
    const token = tokens.accessToken;

    const limits = await h.api<{ canRequest: boolean; certificate: { remaining: number } }>(
      'GET',
      '/certificates/limits',
      { token },
    );
    expect(limits.body.canRequest).toBe(true);
    const data = await h.api<EnrollmentData>('GET', '/certificates/enrollments/data', { token });
    expect(data.body.organizationIdentifier).toBe(`VATPL-${nip}`);

    const { csr, privateKey } = makeCsr(data.body);
    const serial = await enrollAndWait(token, {
      certificateName: 'Certyfikat offline',
      certificateType: 'Offline',
      csr,
    });
    expect(serial).toMatch(/^[0-9A-F]{16}$/);

    const retrieved = await h.api<{ certificates: { certificate: string; certificateType: string }[] }>(
      'POST',
      '/certificates/retrieve',
      {
        token,
        body: { certificateSerialNumbers: [serial] },
      },
    );
    expect(retrieved.body.certificates).toHaveLength(1);
    const cert = new X509Certificate(Buffer.from(retrieved.body.certificates[0]!.certificate, 'base64'));
    expect(cert.serialNumber.toUpperCase()).toBe(serial);
    expect(cert.subject).toContain(`VATPL-${nip}`);
    expect(cert.issuer).toContain('KSeF Simulator CA');
    const ownSpki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    expect(cert.publicKey.export({ format: 'der', type: 'spki' }).equals(ownSpki)).toBe(true);

    // QR code II (SPEC-NOTES §14): sign "host/certificate/Nip/{ctx}/{seller}/{serial}/{hash}" with the certificate's key.
    const invoiceHash = createHash('sha256').update('<Faktura/>').digest('base64url');
    const signed = `qr-test.ksef.mf.gov.pl/certificate/Nip/${nip}/${nip}/${serial}/${invoiceHash}`;
    const signature = sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verify('sha256', Buffer.from(signed), { key: cert.publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
    const qrPath = `/qr/certificate/Nip/${nip}/${nip}/${serial}/${invoiceHash}`;
    const scanned = await h.root<{ status: string; problems: string[] }>(
      'GET',
      `${qrPath}/${signature.toString('base64url')}`,
    );
    expect(scanned.body).toEqual({ status: 'VALID', problems: [] });
    const forged = Buffer.from(signature);
    forged[10] = forged[10]! ^ 0xff;
    const rejected = await h.root<{ status: string }>('GET', `${qrPath}/${forged.toString('base64url')}`);
    expect(rejected.body.status).toBe('INVALID');

    const query = await h.api<{
      certificates: { certificateSerialNumber: string; status: string; type: string }[];
      hasMore: boolean;
    }>('POST', '/certificates/query?pageSize=10', { token, body: { type: 'Offline', status: 'Active' } });
    expect(query.body.certificates.map((c) => c.certificateSerialNumber)).toEqual([serial]);

    expect(
      (await h.api('POST', `/certificates/${serial}/revoke`, { token, body: { revocationReason: 'KeyCompromise' } }))
        .status,
    ).toBe(204);
    const again = await h.api('POST', `/certificates/${serial}/revoke`, { token, body: {} });
    expect(code(again.body)).toBe(25009);
    const afterRevoke = await h.root<{ status: string }>('GET', `${qrPath}/${signature.toString('base64url')}`);
    expect(afterRevoke.body.status).toBe('INVALID');
    const unknown = await h.api('POST', '/certificates/0123456789ABCDEF/revoke', { token, body: {} });
    expect(code(unknown.body)).toBe(25008);
  });

  it('issues an Authentication certificate for an RSA-2048 CSR and enforces CSR checks and limits', async () => {
    const nip = randomNip();
    const token = (await xadesLogin(h, sealCertificate(nip, 'rsa'), nip)).accessToken;
    const data = (await h.api<EnrollmentData>('GET', '/certificates/enrollments/data', { token })).body;

    const { csr, privateKey } = makeCsr(data, 'rsa');
    const serial = await enrollAndWait(token, {
      certificateName: 'Logowanie RSA',
      certificateType: 'Authentication',
      csr,
    });
    const retrieved = await h.api<{ certificates: { certificateType: string; certificate: string }[] }>(
      'POST',
      '/certificates/retrieve',
      { token, body: { certificateSerialNumbers: [serial] } },
    );
    expect(retrieved.body.certificates[0]!.certificateType).toBe('Authentication');
    // The issued certificate logs in with XAdES like any seal with this NIP.
    const issued = {
      certificateDer: Buffer.from(retrieved.body.certificates[0]!.certificate, 'base64'),
      privateKey,
      kind: 'rsa' as const,
    };
    expect(await xadesStatus(h, issued, nip)).toBe(200);

    const wrongDn = await h.api('POST', '/certificates/enrollments', {
      token,
      body: {
        certificateName: 'Zle dane',
        certificateType: 'Offline',
        csr: makeCsr({ ...data, commonName: 'Ktoś inny' }).csr,
      },
    });
    expect(code(wrongDn.body)).toBe(25003);
    const garbage = await h.api('POST', '/certificates/enrollments', {
      token,
      body: { certificateName: 'Smieci', certificateType: 'Offline', csr: Buffer.from('nie CSR').toString('base64') },
    });
    expect(code(garbage.body)).toBe(25004);
    const weak = await h.api('POST', '/certificates/enrollments', {
      token,
      body: { certificateName: 'Slaby klucz', certificateType: 'Offline', csr: makeCsr(data, 'rsa1024').csr },
    });
    expect(code(weak.body)).toBe(25010);

    await h.api('POST', '/testdata/limits/subject/certificate', {
      token,
      body: { subjectIdentifierType: 'Nip', certificate: { maxCertificates: 1 } },
    });
    const overLimit = await h.api('POST', '/certificates/enrollments', {
      token,
      body: { certificateName: 'Ponad limit', certificateType: 'Offline', csr: makeCsr(data).csr },
    });
    expect(code(overLimit.body)).toBe(25007);
    const limits = await h.api<{ canRequest: boolean }>('GET', '/certificates/limits', { token });
    expect(limits.body.canRequest).toBe(false);
  });

  it('refuses enrollment data (25001) and enrollment (25002) after token authentication', async () => {
    const token = (await loginWithKsefToken(h, randomNip())).accessToken;
    expect(code((await h.api('GET', '/certificates/enrollments/data', { token })).body)).toBe(25001);
    const res = await h.api('POST', '/certificates/enrollments', {
      token,
      body: {
        certificateName: 'Token login',
        certificateType: 'Offline',
        csr: makeCsr({ commonName: 'X', countryName: 'PL' }).csr,
      },
    });
    expect(code(res.body)).toBe(25002);
  });
});
