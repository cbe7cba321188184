import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc8, generateKsefNumber, isValidKsefNumber, parseKsefNumber } from './ksef-number';
import { isValidNip, nipChecksum } from './nip';

const VECTORS = [
  '5265877635-20250826-0100001AF629-AF',
  '5265877635-20250626-010080DD2B5E-26',
  '5265877635-20250916-010040741B3E-46',
  '5265877635-20250916-0100C002FF3E-D5',
  '5265877635-20250916-02000009FF3E-FB',
  '5265877635-20250916-020000583241-84',
  '5265877635-20250916-0200A0D6723E-C2',
  '5265877635-20250925-010020A0A242-0A',
  '5555555555-20250828-010080615740-E4',
];

describe('NIP', () => {
  it('accepts valid and rejects invalid check digits', () => {
    expect(isValidNip('5265877635')).toBe(true);
    expect(isValidNip('5265877636')).toBe(false);
    expect(isValidNip('526-587-76-35')).toBe(false);
    expect(isValidNip('123456789')).toBe(false);
  });

  it('every 9-digit prefix has exactly one valid check digit unless the checksum is 10', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (prefix) => {
        const check = nipChecksum(prefix);
        const valid = [...'0123456789'].filter((d) => isValidNip(prefix + d));
        expect(valid).toEqual(check === undefined ? [] : [String(check)]);
      }),
    );
  });
});

describe('KSeF number', () => {
  it.each(VECTORS)('accepts the published vector %s', (value) => {
    expect(isValidKsefNumber(value)).toBe(true);
    expect(parseKsefNumber(value)?.nip).toBe(value.slice(0, 10));
  });

  it('CRC-8/SMBUS matches the standard check value', () => {
    expect(crc8(Buffer.from('123456789'))).toBe(0xf4);
  });

  it('rejects wrong checksum, lower-case hex, a bad date and the wrong length', () => {
    expect(isValidKsefNumber('5265877635-20250826-0100001AF629-AE')).toBe(false);
    expect(isValidKsefNumber('5265877635-20250826-0100001af629-AF')).toBe(false);
    expect(
      isValidKsefNumber(generateKsefNumber({ nip: '5265877635', date: '2025-02-28' }).replace('0228', '0230')),
    ).toBe(false);
    expect(isValidKsefNumber('5265877635-20250826-0100001AF62-AF')).toBe(false);
  });

  it('generated numbers validate and any single-character change is detected', () => {
    const hex = fc.constantFrom(...'0123456789ABCDEF');
    const date = fc.date({ min: new Date('2022-01-01'), max: new Date('2099-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{10}$/),
        date,
        fc.array(hex, { minLength: 12, maxLength: 12 }),
        fc.nat(),
        (nip, d, tech, pos) => {
          const value = generateKsefNumber({ nip, date: d.toISOString().slice(0, 10), technical: tech.join('') });
          expect(value).toHaveLength(35);
          expect(isValidKsefNumber(value)).toBe(true);
          // CRC-8 detects every single-symbol error in the hex technical part.
          const i = 20 + (pos % 12);
          const replacement = value[i] === 'A' ? 'B' : 'A';
          const changed = value.slice(0, i) + replacement + value.slice(i + 1);
          expect(isValidKsefNumber(changed)).toBe(false);
        },
      ),
    );
  });
});
