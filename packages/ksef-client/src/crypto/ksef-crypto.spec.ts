import {
  constants,
  createCipheriv,
  createDecipheriv,
  createHash,
  generateKeyPairSync,
  privateDecrypt,
  randomBytes,
} from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aesDecrypt,
  aesEncrypt,
  encryptInvoice,
  encryptKsefToken,
  sha256Base64,
  wrapSymmetricKey,
} from './ksef-crypto';
import { choosePublicKeyCertificate } from './public-key.service';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

function oaepDecrypt(data: Buffer, hash: string): Buffer {
  return privateDecrypt({ key: rsa.privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, data);
}

describe('KSeF token encryption', () => {
  it('is RSA-OAEP SHA-256 of "token|timestampMs"', () => {
    const token = '20251010-EC-1DCE3E3000-12ECB5B36E-45|internalId-5265877635-12345|919fab';
    const encrypted = Buffer.from(encryptKsefToken(token, 1733311234567, rsa.publicKey), 'base64');
    expect(encrypted).toHaveLength(256);
    expect(oaepDecrypt(encrypted, 'sha256').toString('utf8')).toBe(`${token}|1733311234567`);
    expect(() => oaepDecrypt(encrypted, 'sha1')).toThrow();
  });
});

describe('symmetric encryption', () => {
  it('wraps the AES key with OAEP SHA-256 and sends the IV in clear', () => {
    const sym = { key: randomBytes(32), iv: randomBytes(16) };
    const info = wrapSymmetricKey(sym, rsa.publicKey, 'key-id');
    expect(oaepDecrypt(Buffer.from(info.encryptedSymmetricKey, 'base64'), 'sha256')).toEqual(sym.key);
    expect(Buffer.from(info.initializationVector, 'base64')).toEqual(sym.iv);
    expect(info.publicKeyId).toBe('key-id');
  });

  it('matches Node AES-256-CBC/PKCS#7 without an IV prefix for any content', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (plain) => {
        const sym = { key: randomBytes(32), iv: randomBytes(16) };
        const c = createCipheriv('aes-256-cbc', sym.key, sym.iv);
        const expected = Buffer.concat([c.update(plain), c.final()]);
        const actual = aesEncrypt(sym, plain);
        expect(actual).toEqual(expected);
        expect(actual.length).toBe(Math.floor(plain.length / 16) * 16 + 16);
        const d = createDecipheriv('aes-256-cbc', sym.key, sym.iv);
        expect(Buffer.concat([d.update(actual), d.final()])).toEqual(Buffer.from(plain));
        expect(aesDecrypt(sym, actual)).toEqual(Buffer.from(plain));
      }),
      { numRuns: 50 },
    );
  });

  it('computes hashes and sizes of plain and encrypted invoice', () => {
    const sym = { key: randomBytes(32), iv: randomBytes(16) };
    const xml = Buffer.from('<Faktura>zażółć</Faktura>', 'utf8');
    const sent = encryptInvoice(sym, xml);
    const encrypted = Buffer.from(sent.encryptedInvoiceContent, 'base64');
    expect(sent.invoiceHash).toBe(createHash('sha256').update(xml).digest('base64'));
    expect(sent.invoiceHash).toHaveLength(44);
    expect(sent.invoiceSize).toBe(xml.length);
    expect(sent.encryptedInvoiceSize).toBe(encrypted.length);
    expect(sent.encryptedInvoiceHash).toBe(createHash('sha256').update(encrypted).digest('base64'));
    expect(sha256Base64('')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});

describe('choosePublicKeyCertificate', () => {
  const base = { certificate: '', certificateId: 'c', publicKeyId: 'p' };
  const list = [
    {
      ...base,
      publicKeyId: 'old',
      usage: ['KsefTokenEncryption' as const],
      validFrom: '2024-01-01T00:00:00Z',
      validTo: '2030-01-01T00:00:00Z',
    },
    {
      ...base,
      publicKeyId: 'new',
      usage: ['KsefTokenEncryption' as const],
      validFrom: '2025-01-01T00:00:00Z',
      validTo: '2030-01-01T00:00:00Z',
    },
    {
      ...base,
      publicKeyId: 'future',
      usage: ['KsefTokenEncryption' as const],
      validFrom: '2029-01-01T00:00:00Z',
      validTo: '2031-01-01T00:00:00Z',
    },
    {
      ...base,
      publicKeyId: 'sym',
      usage: ['SymmetricKeyEncryption' as const],
      validFrom: '2024-01-01T00:00:00Z',
      validTo: '2030-01-01T00:00:00Z',
    },
  ];
  it('picks the currently valid key with the usage and the latest validFrom', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(choosePublicKeyCertificate(list, 'KsefTokenEncryption', now).publicKeyId).toBe('new');
    expect(choosePublicKeyCertificate(list, 'SymmetricKeyEncryption', now).publicKeyId).toBe('sym');
    expect(() => choosePublicKeyCertificate(list, 'SymmetricKeyEncryption', new Date('2031-01-01'))).toThrow(/ważnego/);
  });
});
