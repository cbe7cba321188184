import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeMazovia, encodeMazovia, UnencodableCharacterError } from './mazovia-codec';

const POLISH_POSITIONS: Record<number, string> = {
  0x86: 'ą', 0x8d: 'ć', 0x8f: 'Ą', 0x90: 'Ę', 0x91: 'ę', 0x92: 'ł', 0x95: 'Ć', 0x98: 'Ś', 0x9c: 'Ł',
  0x9e: 'ś', 0xa0: 'Ź', 0xa1: 'Ż', 0xa2: 'ó', 0xa3: 'Ó', 0xa4: 'ń', 0xa5: 'Ń', 0xa6: 'ź', 0xa7: 'ż',
}; // prettier-ignore

describe('Mazovia code page', () => {
  it('is code page 437 except for the 18 Polish letters', () => {
    for (let byte = 0; byte < 256; byte++) {
      const mazovia = decodeMazovia(Uint8Array.of(byte));
      const expected = POLISH_POSITIONS[byte] ?? iconv.decode(Buffer.of(byte), 'cp437');
      expect(mazovia, `byte 0x${byte.toString(16)}`).toBe(expected);
    }
    expect(new Set(Object.values(POLISH_POSITIONS)).size).toBe(18);
  });

  it('round-trips every byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Buffer.from(encodeMazovia(decodeMazovia(all)))).toEqual(Buffer.from(all));
  });

  it('refuses characters the code page lacks instead of writing "?"', () => {
    expect(() => encodeMazovia('Cena: 10 €')).toThrow(UnencodableCharacterError);
    expect(() => encodeMazovia('Cena: 10 €')).toThrow(/pozycja 10/);
  });
});
