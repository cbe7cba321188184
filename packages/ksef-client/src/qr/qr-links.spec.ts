import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KSEF_TEST, simulatorEnvironment } from '../environment/ksef-environment';
import { certificateQrLink, invoiceQrLink, isValidKsefNumber, parseKsefNumber } from './qr-links';

describe('KSeF number and QR helpers (fa3 re-exported)', () => {
  it('validates KSeF numbers by their CRC-8 and rejects altered ones', () => {
    for (const n of ['5265877635-20250826-0100001AF629-AF', '5555555555-20250828-010080615740-E4']) {
      expect(isValidKsefNumber(n)).toBe(true);
    }
    expect(isValidKsefNumber('5265877635-20250826-0100001AF629-AE')).toBe(false);
    expect(isValidKsefNumber('5265877635-20250826-0100001AF629')).toBe(false);
    expect(parseKsefNumber('5265877635-20250826-0100001AF629-AF')).toEqual({
      nip: '5265877635',
      date: '2025-08-26',
      technical: '0100001AF629',
      checksum: 'AF',
    });
  });

  it('builds KOD I on the environment QR host with the SHA-256 of the exact bytes', () => {
    const xml = Buffer.from('<Faktura>1</Faktura>');
    const hash = createHash('sha256').update(xml).digest('base64url');
    const sim = simulatorEnvironment('http://127.0.0.1:8100/v2');
    expect(invoiceQrLink(sim, { sellerNip: '5265877635', issueDate: '2026-02-01', invoiceXml: xml })).toBe(
      `http://127.0.0.1:8100/invoice/5265877635/01-02-2026/${hash}`,
    );
    expect(invoiceQrLink(KSEF_TEST, { sellerNip: '5265877635', issueDate: '2026-02-01', invoiceXml: xml })).toBe(
      `https://qr-test.ksef.mf.gov.pl/invoice/5265877635/01-02-2026/${hash}`,
    );
    expect(() => invoiceQrLink(sim, { sellerNip: '526587763', issueDate: '2026-02-01', invoiceXml: xml })).toThrow();
    expect(() => invoiceQrLink(sim, { sellerNip: '5265877635', issueDate: '01.02.2026', invoiceXml: xml })).toThrow();
  });

  it('signs KOD II so that Node verifies the signature over the link without scheme and signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const qr = certificateQrLink(KSEF_TEST, {
      contextType: 'Nip',
      contextValue: '5265877635',
      sellerNip: '5265877635',
      certificateSerial: '01F20A5D352AE590',
      invoiceXml: Buffer.from('<Faktura>2</Faktura>'),
      privateKey,
    });
    expect(qr.link).toBe(`https://${qr.signedData}/${qr.signature}`);
    expect(
      qr.signedData.startsWith('qr-test.ksef.mf.gov.pl/certificate/Nip/5265877635/5265877635/01F20A5D352AE590/'),
    ).toBe(true);
    const signature = Buffer.from(qr.signature, 'base64url');
    expect(verify('sha256', Buffer.from(qr.signedData), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(
      true,
    );
  });
});
