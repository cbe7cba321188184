import { constants, createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildQrCodeILink, buildQrCodeIILink, invoiceHashBase64, qrHostFor } from './index';

const XML = '<?xml version="1.0" encoding="UTF-8"?><Faktura>zażółć</Faktura>';

describe('KOD I', () => {
  it('puts NIP, P_1 as DD-MM-YYYY and the unpadded Base64URL SHA-256 of the exact bytes into the link', () => {
    const link = buildQrCodeILink({
      environment: 'TEST',
      sellerNip: '1111111111',
      issueDate: '2026-02-01',
      invoiceXml: XML,
    });
    const hash = createHash('sha256').update(Buffer.from(XML, 'utf8')).digest('base64url');
    expect(hash).toHaveLength(43);
    expect(link).toBe(`https://qr-test.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/${hash}`);
  });

  it('accepts a Base64 hash reported by KSeF and converts it to Base64URL', () => {
    // SPEC-NOTES §14 example hash.
    const base64 = 'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=';
    const link = buildQrCodeILink({
      environment: 'PRD',
      sellerNip: '1111111111',
      issueDate: '2026-02-01',
      invoiceHash: base64,
    });
    expect(link).toBe(
      'https://qr.ksef.mf.gov.pl/invoice/1111111111/01-02-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
    );
  });

  it('uses the host of each environment, and an override for the simulator', () => {
    expect(qrHostFor('DEMO')).toBe('https://qr-demo.ksef.mf.gov.pl');
    expect(qrHostFor('SIM', 'http://sim.local:9000/')).toBe('http://sim.local:9000');
    const link = buildQrCodeILink({
      environment: 'SIM',
      qrHost: 'http://sim.local:9000',
      sellerNip: '5265877635',
      issueDate: '2025-12-31',
      invoiceXml: XML,
    });
    expect(link.startsWith('http://sim.local:9000/invoice/5265877635/31-12-2025/')).toBe(true);
  });

  it('rejects a malformed NIP or date', () => {
    expect(() =>
      buildQrCodeILink({ environment: 'TEST', sellerNip: '123', issueDate: '2026-02-01', invoiceXml: XML }),
    ).toThrow(/NIP/);
    expect(() =>
      buildQrCodeILink({ environment: 'TEST', sellerNip: '1111111111', issueDate: '01.02.2026', invoiceXml: XML }),
    ).toThrow(/RRRR-MM-DD/);
  });
});

describe('KOD II', () => {
  const base = {
    environment: 'TEST' as const,
    contextType: 'Nip' as const,
    contextValue: '1111111111',
    sellerNip: '1111111111',
    certificateSerial: '01F20A5D352AE590',
    invoiceXml: XML,
  };
  const hash = invoiceHashBase64(XML).replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, '');

  it('signs the link without scheme and signature with RSASSA-PSS SHA-256 salt 32', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const result = buildQrCodeIILink({ ...base, privateKey });
    expect(result.signedData).toBe(
      `qr-test.ksef.mf.gov.pl/certificate/Nip/1111111111/1111111111/01F20A5D352AE590/${hash}`,
    );
    expect(result.link).toBe(`https://${result.signedData}/${result.signature}`);
    const signature = Buffer.from(result.signature, 'base64url');
    const data = Buffer.from(result.signedData, 'utf8');
    const pss = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', data, pss, signature)).toBe(true);
    // A different salt length must not verify: the salt is part of the contract.
    expect(verify('sha256', data, { ...pss, saltLength: 20 }, signature)).toBe(false);
    expect(verify('sha256', Buffer.from(`${result.signedData}x`), pss, signature)).toBe(false);
  });

  it('signs with ECDSA P-256 as a 64-byte IEEE P1363 signature, key given as PEM', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const result = buildQrCodeIILink({ ...base, environment: 'PRD', privateKey: pem });
    const signature = Buffer.from(result.signature, 'base64url');
    expect(signature).toHaveLength(64);
    expect(result.signedData.startsWith('qr.ksef.mf.gov.pl/certificate/')).toBe(true);
    const key = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(verify('sha256', Buffer.from(result.signedData), { key, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(result.signature).not.toMatch(/[+/=]/);
  });

  it('refuses keys KOD II does not allow', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => buildQrCodeIILink({ ...base, privateKey: small })).toThrow(/2048/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    expect(() => buildQrCodeIILink({ ...base, privateKey: p384 })).toThrow(/P-256/);
    const ed = generateKeyPairSync('ed25519').privateKey;
    expect(() => buildQrCodeIILink({ ...base, privateKey: ed })).toThrow(/typ klucza/);
  });
});
