import { describe, expect, it } from 'vitest';
import { isValidNip } from './nip';
import { slugCandidate, slugFromName, SLUG_PATTERN } from './tenant-slug';

describe('slugFromName', () => {
  it('makes a DNS label from a Polish company name', () => {
    expect(slugFromName('Sklep Łódź Sp. z o.o.')).toBe('sklep-lodz-sp-z-o-o');
    expect(slugFromName('ŻÓŁĆ & Gęś S.A.')).toBe('zolc-ges-s-a');
    expect(slugFromName('***')).toBe('firma');
  });

  it('always yields a valid label, also after a suffix', () => {
    for (const name of ['a'.repeat(300), '-x-', 'Zażółć gęślą jaźń '.repeat(10)]) {
      expect(slugCandidate(slugFromName(name), 99)).toMatch(SLUG_PATTERN);
    }
  });
});

describe('isValidNip', () => {
  it('checks the weighted checksum', () => {
    expect(isValidNip('5260250274')).toBe(true);
    expect(isValidNip('5260250275')).toBe(false);
    expect(isValidNip('526-025-02-74')).toBe(false);
    expect(isValidNip('123456789')).toBe(false);
  });
});
