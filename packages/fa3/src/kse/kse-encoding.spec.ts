import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeKseBytes, encodeKseText, KSE_ENCODINGS } from './kse-encoding';

/** Realistic text: Polish words (the legacy files hold names, addresses and goods) mixed with ASCII. */
const POLISH_WORDS = [
  'Łódź', 'Żółć', 'gęślą', 'jaźń', 'Świętokrzyska', 'Przedsiębiorstwo', 'Usługowe', 'Zakład', 'Spółka', 'źródło',
  'Ćwikła', 'Ósemka', 'Ślęża', 'żurek', 'łąka', 'Gdańsk', 'Kraków', 'Wrocław', 'Bożena', 'Jędrzej', 'mąka',
  'cukier', 'chleb', 'ul.', 'szt.', 'kg', 'FV/2026/01', 'róża', 'ŻABKA', 'ŁOŚ', 'Rzeszów', 'Poznań', 'Gniezno',
]; // prettier-ignore
const polishText = fc
  .array(fc.constantFrom(...POLISH_WORDS), { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '))
  .filter((text) => /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/.test(text));

describe('KSE encodings', () => {
  it('detects the code page a Polish text was written in', () => {
    fc.assert(
      fc.property(polishText, fc.constantFrom(...KSE_ENCODINGS), (text, encoding) => {
        const bytes = encodeKseText(text, encoding);
        const decoded = decodeKseBytes(bytes, 'auto');
        expect(decoded.text).toBe(text);
        // "ó" sits at 0xA2 in both code pages: only texts that decode differently say which one was used.
        const ambiguous = decodeKseBytes(bytes, 'cp852').text === decodeKseBytes(bytes, 'mazovia').text;
        if (!ambiguous) expect(decoded.encoding).toBe(encoding);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes with the code page asked for, even when it yields nonsense', () => {
    const bytes = encodeKseText('Łódź', 'mazovia');
    expect(decodeKseBytes(bytes, 'mazovia').text).toBe('Łódź');
    expect(decodeKseBytes(bytes, 'cp852').text).not.toBe('Łódź');
  });

  it('names the character CP852 cannot hold', () => {
    expect(() => encodeKseText('Ab€', 'cp852')).toThrow(/„€” \(pozycja 3\).*CP852/);
  });
});
