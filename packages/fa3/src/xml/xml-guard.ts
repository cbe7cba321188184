import { Fa3ParseError, positionOf } from './fa3-parse.error';

/** 3 MB: the KSeF limit for an invoice with attachments (SPEC-NOTES §16.2). */
export const DEFAULT_MAX_INVOICE_BYTES = 3_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes input bytes as UTF-8 (strict), enforcing the size limit before any parsing work. */
export function decodeXmlInput(input: string | Uint8Array, maxBytes: number): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new Fa3ParseError('XML_TOO_LARGE', `Dokument ma ${size} B, a limit wynosi ${maxBytes} B.`, '');
  }
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return utf8.decode(input); // drops a leading BOM; the KSeF rules layer reports it separately
  } catch {
    throw new Fa3ParseError('XML_ENCODING', 'Dokument nie jest poprawnie zakodowany w UTF-8.', '');
  }
}

const DTD = /<!(DOCTYPE|ENTITY)/i;
const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;

/**
 * FA(3) needs no DTD, so any DOCTYPE/ENTITY declaration is refused before parsing: this rules out XXE and entity
 * expansion bombs in O(n) time, whatever the parser would have done with them.
 */
export function assertNoDtd(xml: string): void {
  const dtd = DTD.exec(xml);
  if (dtd) {
    const { line, column } = positionOf(xml, dtd.index);
    throw new Fa3ParseError('XML_DTD_FORBIDDEN', 'Deklaracje DTD i encji są niedozwolone.', '', line, column);
  }
  // CDATA content is literal text, so it is blanked (same length, positions stay right) before looking for references.
  const scanned = xml.includes('<![CDATA[') ? xml.replace(CDATA, (m) => ' '.repeat(m.length)) : xml;
  const reference = BAD_REFERENCE.exec(scanned);
  if (reference) {
    const { line, column } = positionOf(xml, reference.index);
    throw new Fa3ParseError(
      'XML_ENTITY_FORBIDDEN',
      'Niedozwolone odwołanie do encji (dozwolone tylko &amp; &lt; &gt; &quot; &apos; i odwołania znakowe).',
      '',
      line,
      column,
    );
  }
}

const MARKUP = Buffer.from('<!');
const DOCTYPE = Buffer.from('DOCTYPE');
const ENTITY = Buffer.from('ENTITY');

/**
 * Byte-level variant of the DTD check for validators that hand bytes straight to libxml2 (no decoding needed). Invoices
 * rarely contain `<!` at all (comments, CDATA), so one native search usually settles it.
 */
export function assertNoDtdInBytes(bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = buffer.indexOf(MARKUP); at !== -1; at = buffer.indexOf(MARKUP, at + 2)) {
    const rest = buffer.subarray(at + 2, at + 9);
    if (rest.equals(DOCTYPE) || rest.subarray(0, 6).equals(ENTITY)) {
      const prefix = buffer.subarray(0, at).toString('utf8');
      const { line, column } = positionOf(prefix, prefix.length);
      throw new Fa3ParseError('XML_DTD_FORBIDDEN', 'Deklaracje DTD i encji są niedozwolone.', '', line, column);
    }
  }
}
