import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc8Hex } from './crc8';
import { isValidKsefNumber, isValidNipChecksum, newKsefNumber, newReferenceNumber } from './identifiers';

describe('KSeF identifiers', () => {
  it('accepts the official KSeF number test vectors', () => {
    for (const n of [
      '5265877635-20250826-0100001AF629-AF',
      '5265877635-20250626-010080DD2B5E-26',
      '5265877635-20250916-02000009FF3E-FB',
      '5555555555-20250828-010080615740-E4',
    ]) {
      expect(isValidKsefNumber(n)).toBe(true);
    }
    expect(isValidKsefNumber('5265877635-20250826-0100001AF629-AE')).toBe(false);
  });

  it('generates KSeF numbers whose checksum verifies', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_700_000_000_000, max: 2_500_000_000_000 }), (ms) => {
        const n = newKsefNumber('5265877635', ms);
        expect(n).toHaveLength(35);
        expect(isValidKsefNumber(n)).toBe(true);
      }),
    );
  });

  it('generates reference numbers of the documented shape with a CRC-8 suffix', () => {
    const ref = newReferenceNumber('SO', Date.UTC(2026, 0, 5, 12));
    expect(ref).toMatch(/^20260105-SO-[0-9A-F]{10}-[0-9A-F]{10}-[0-9A-F]{2}$/);
    expect(crc8Hex(ref.slice(0, 33))).toBe(ref.slice(34));
  });

  it('validates NIP checksums', () => {
    expect(isValidNipChecksum('5265877635')).toBe(true);
    expect(isValidNipChecksum('5265877636')).toBe(false);
  });
});
