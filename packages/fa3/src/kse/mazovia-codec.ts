/**
 * Mazovia (CP667/CP790), the Polish DOS code page: code page 437 with 18 positions holding the Polish letters.
 * iconv-lite does not ship it, so the upper half is spelled out here (bytes 0x80..0xFF, 16 per row).
 */
const MAZOVIA_HIGH_HALF = [
  'ÇüéâäàąçêëèïîćÄĄ',
  'ĘęłôöĆûùŚÖÜ¢Ł¥śƒ',
  'ŹŻóÓńŃźż¿⌐¬½¼¡«»',
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐',
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧',
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀',
  'αßΓπΣσµτΦΘΩδ∞φε∩',
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
].join('');

const DECODE_TABLE: readonly string[] = [...MAZOVIA_HIGH_HALF];
const ENCODE_TABLE: ReadonlyMap<string, number> = new Map(DECODE_TABLE.map((char, index) => [char, 0x80 + index]));

export class UnencodableCharacterError extends Error {
  constructor(
    readonly character: string,
    readonly position: number,
    encoding: string,
  ) {
    super(`Znak „${character}” (pozycja ${position + 1}) nie istnieje w stronie kodowej ${encoding}`);
    this.name = 'UnencodableCharacterError';
  }
}

export function decodeMazovia(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += byte < 0x80 ? String.fromCharCode(byte) : DECODE_TABLE[byte - 0x80]!;
  }
  return text;
}

/** Throws {@link UnencodableCharacterError} for a character the code page lacks (no silent '?'). */
export function encodeMazovia(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  let length = 0;
  let position = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const byte = code < 0x80 ? code : ENCODE_TABLE.get(char);
    if (byte === undefined) throw new UnencodableCharacterError(char, position, 'Mazovia');
    bytes[length++] = byte;
    position += char.length;
  }
  return bytes.subarray(0, length);
}
