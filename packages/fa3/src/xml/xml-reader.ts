import { Fa3ParseError, positionOf } from './fa3-parse.error';

/** A parsed element: local name (prefix dropped), raw qualified name, attributes, child elements, character data. */
export interface XmlElementNode {
  name: string;
  qname: string;
  attributes: Record<string, string>;
  children: XmlElementNode[];
  /** Concatenated character data (entities decoded, CDATA included). */
  text: string;
}

const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, named: string | undefined) =>
    named ? NAMED[named]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

function isBlank(xml: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(xml.charCodeAt(i))) return false;
  return true;
}

const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number): boolean =>
  isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x3a;

/** End offset of the name starting at `start` (ASCII names: FA(3) uses no others), or `start` when there is none. */
function nameEnd(xml: string, start: number): number {
  if (!isNameStart(xml.charCodeAt(start))) return start;
  let i = start + 1;
  while (isNameChar(xml.charCodeAt(i))) i++;
  return i;
}

/**
 * A small non-validating XML reader for FA(3) documents: elements, attributes, text, CDATA, comments and processing
 * instructions. It checks that tags nest and match, attributes are well formed and only predefined or character
 * entity references occur (callers refuse DTDs first, see assertNoDtd). fast-xml-parser spent ~2 ms on a 20-line
 * invoice, which alone would have missed the 1,000 validations/s target; this reader builds the tree in one pass,
 * scanning character codes rather than running regular expressions on the hot path (names, whitespace).
 */
export function readXml(xml: string): XmlElementNode {
  const stack: XmlElementNode[] = [];
  let root: XmlElementNode | undefined;
  let pos = 0;
  const fail = (message: string, at: number): never => {
    const { line, column } = positionOf(xml, at);
    throw new Fa3ParseError('XML_MALFORMED', `Niepoprawny XML: ${message}`, '', line, column);
  };
  const appendText = (start: number, end: number) => {
    const current = stack[stack.length - 1];
    if (!current) {
      if (!isBlank(xml, start, end)) fail('tekst poza elementem głównym', start);
    } else if (current.children.length === 0 || !isBlank(xml, start, end)) {
      current.text += decode(xml.slice(start, end)); // indentation between child elements is dropped, not trimmed later
    }
  };

  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    if (lt === -1) {
      appendText(pos, xml.length);
      break;
    }
    if (lt > pos) appendText(pos, lt);
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const end = nameEnd(xml, lt + 2);
      const open = stack.pop();
      if (end === lt + 2 || !open) return fail('nieoczekiwany znacznik zamykający', lt);
      if (end - lt - 2 !== open.qname.length || !xml.startsWith(open.qname, lt + 2)) {
        fail(`oczekiwano </${open.qname}>, a jest </${xml.slice(lt + 2, end)}>`, lt);
      }
      let close = end;
      while (isSpace(xml.charCodeAt(close))) close++;
      if (xml.charCodeAt(close) !== 0x3e /* > */) fail('niepoprawny znacznik zamykający', lt);
      pos = close + 1;
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) fail('niezamknięta instrukcja przetwarzania', lt);
      pos = end + 2;
    } else if (next === 0x21 /* ! */) {
      pos = readMarkup(xml, lt, stack, fail);
    } else {
      const nameEndAt = nameEnd(xml, lt + 1);
      if (nameEndAt === lt + 1) return fail('niepoprawna nazwa elementu', lt);
      const qname = xml.slice(lt + 1, nameEndAt);
      const attributes: Record<string, string> = {};
      let cursor = nameEndAt;
      if (xml.charCodeAt(cursor) !== 0x3e /* > */) cursor = readAttributes(xml, cursor, attributes, fail);
      while (isSpace(xml.charCodeAt(cursor))) cursor++;
      const selfClosing = xml.charCodeAt(cursor) === 0x2f && xml.charCodeAt(cursor + 1) === 0x3e;
      if (!selfClosing && xml.charCodeAt(cursor) !== 0x3e) fail(`niepoprawny znacznik <${qname}>`, cursor);
      const colon = qname.indexOf(':');
      const element: XmlElementNode = {
        name: colon === -1 ? qname : qname.slice(colon + 1),
        qname,
        attributes,
        children: [],
        text: '',
      };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) fail('więcej niż jeden element główny', lt);
      else root = element;
      if (!selfClosing) stack.push(element);
      pos = cursor + (selfClosing ? 2 : 1);
    }
  }
  if (stack.length > 0) fail(`niezamknięty element <${stack[stack.length - 1]!.qname}>`, xml.length);
  if (!root) return fail('brak elementu głównego', 0);
  return root;
}

type Fail = (message: string, at: number) => never;

/** Comments and CDATA (`<!…`); anything else starting with `<!` is a DTD construct and refused. */
function readMarkup(xml: string, lt: number, stack: XmlElementNode[], fail: Fail): number {
  if (xml.startsWith('<!--', lt)) {
    const end = xml.indexOf('-->', lt + 4);
    if (end === -1) fail('niezamknięty komentarz', lt);
    return end + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    const end = xml.indexOf(']]>', lt + 9);
    if (end === -1) fail('niezamknięta sekcja CDATA', lt);
    if (stack.length === 0) fail('CDATA poza elementem głównym', lt);
    stack[stack.length - 1]!.text += xml.slice(lt + 9, end).replace(/\r\n?/g, '\n');
    return end + 3;
  }
  return fail('deklaracje DTD są niedozwolone', lt);
}

/** Reads `name="value"` pairs from `cursor`; returns the offset after the last one. */
function readAttributes(xml: string, cursor: number, attributes: Record<string, string>, fail: Fail): number {
  for (;;) {
    ATTRIBUTE.lastIndex = cursor;
    const attribute = ATTRIBUTE.exec(xml);
    if (!attribute) return cursor;
    const name = attribute[1]!;
    if (name in attributes) fail(`powtórzony atrybut ${name}`, cursor);
    attributes[name] = decode((attribute[2] ?? attribute[3]!).replace(/[\t\n\r]/g, ' '));
    cursor = ATTRIBUTE.lastIndex;
  }
}
