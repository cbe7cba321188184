import iconv from 'iconv-lite';
import { decodeMazovia, encodeMazovia, UnencodableCharacterError } from './mazovia-codec';

export type KseEncoding = 'cp852' | 'mazovia';
export type KseEncodingOption = KseEncoding | 'auto';

export const KSE_ENCODINGS: readonly KseEncoding[] = ['cp852', 'mazovia'];

const POLISH_LETTERS = new Set('ąćęłńóśźżĄĆĘŁŃÓŚŹŻ');

export interface DecodedKse {
  text: string;
  encoding: KseEncoding;
}

export function decodeKseBytes(bytes: Uint8Array, encoding: KseEncodingOption = 'auto'): DecodedKse {
  if (encoding !== 'auto') return { text: decodeWith(bytes, encoding), encoding };
  const candidates = KSE_ENCODINGS.map((candidate) => {
    const text = decodeWith(bytes, candidate);
    return { text, encoding: candidate, score: polishScore(text) };
  });
  // Ties (e.g. a pure-ASCII file) go to CP852, the code page DOS 5+ systems wrote by default.
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0]!;
  return { text: best.text, encoding: best.encoding };
}

export function encodeKseText(text: string, encoding: KseEncoding): Uint8Array {
  if (encoding === 'mazovia') return encodeMazovia(text);
  const bytes = iconv.encode(text, 'cp852');
  const roundTrip = iconv.decode(bytes, 'cp852');
  if (roundTrip !== text) {
    // iconv-lite writes '?' for what CP852 lacks; point at the first such character instead.
    const chars = [...text];
    const back = [...roundTrip];
    const index = chars.findIndex((char, i) => char !== back[i]);
    const position = chars.slice(0, index).join('').length;
    throw new UnencodableCharacterError(chars[index] ?? '?', position, 'CP852');
  }
  return new Uint8Array(bytes);
}

function decodeWith(bytes: Uint8Array, encoding: KseEncoding): string {
  return encoding === 'mazovia' ? decodeMazovia(bytes) : iconv.decode(Buffer.from(bytes), 'cp852');
}

/**
 * How Polish a decoded text looks. Both code pages put letters at bytes where the other has a different letter
 * (0x86 is "ą" in Mazovia and "ć" in CP852), so counting Polish letters is not enough: a letter also loses points
 * where Polish spelling never puts it (a soft ć/ń/ś/ź before a vowel or between two consonants, ą/ę/ń starting a
 * word, a capital inside a lower-case word or the reverse). Other non-ASCII characters (box drawing, Czech or Slovak
 * letters, Greek) count against the candidate.
 */
export function polishScore(text: string): number {
  let score = 0;
  for (const char of text) if (char.charCodeAt(0) >= 0x80 && !POLISH_LETTERS.has(char)) score -= 3;
  for (const [word] of text.matchAll(/\p{L}+/gu)) score += wordScore([...word]);
  return score;
}

const VOWELS = new Set('aeiouyąęóAEIOUYĄĘÓ');
const SOFT = new Set('ćńśźĆŃŚŹ');
const NEVER_INITIAL = new Set('ąęńĄĘŃ');

function wordScore(letters: string[]): number {
  const upperCount = letters.filter((letter) => isUpper(letter)).length;
  const allCaps = letters.length > 2 && upperCount >= letters.length - 1;
  let score = 0;
  letters.forEach((letter, index) => {
    if (!POLISH_LETTERS.has(letter)) return;
    score += 1;
    const previous = letters[index - 1];
    const next = letters[index + 1];
    if (index === 0 && NEVER_INITIAL.has(letter)) score -= 3;
    if (SOFT.has(letter) && next !== undefined && VOWELS.has(next)) score -= 3;
    if (SOFT.has(letter) && isConsonant(previous) && isConsonant(next)) score -= 2;
    if (allCaps ? !isUpper(letter) : isUpper(letter) && index > 0) score -= 3;
  });
  return score;
}

function isUpper(letter: string): boolean {
  return letter !== letter.toLowerCase();
}

/** "j" sounds like a vowel next to soft letters (wejść, pójść). */
function isConsonant(letter: string | undefined): boolean {
  return letter !== undefined && !VOWELS.has(letter) && letter.toLowerCase() !== 'j';
}
