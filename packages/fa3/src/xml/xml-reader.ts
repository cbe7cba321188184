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

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const WHITESPACE = /^\s*$/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  const text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, named: string | undefined) =>
    named ? NAMED[named]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

/**
 * A small non-validating XML reader for FA(3) documents: elements, attributes, text, CDATA, comments and processing
 * instructions. It checks that tags nest and match, attributes are well formed and only predefined or character
 * entity references occur (callers refuse DTDs first, see assertNoDtd). fast-xml-parser spent ~2 ms on a 20-line
 * invoice, which alone would have missed the 1,000 validations/s target; this reader builds the tree in one pass.
 */
export function readXml(xml: string): XmlElementNode {
  const stack: XmlElementNode[] = [];
  let root: XmlElementNode | undefined;
  let pos = 0;
  const fail = (message: string, at: number): never => {
    const { line, column } = positionOf(xml, at);
    throw new Fa3ParseError('XML_MALFORMED', `Niepoprawny XML: ${message}`, '', line, column);
  };
  const appendText = (raw: string, at: number) => {
    const current = stack[stack.length - 1];
    if (!current) {
      if (!WHITESPACE.test(raw)) fail('tekst poza elementem głównym', at);
    } else if (current.children.length === 0 || !WHITESPACE.test(raw)) {
      current.text += decode(raw); // indentation between child elements is dropped here, not kept and trimmed later
    }
  };

  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    if (lt === -1) {
      appendText(xml.slice(pos), pos);
      break;
    }
    if (lt > pos) appendText(xml.slice(pos, lt), pos);
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) fail('niezamknięta instrukcja przetwarzania', lt);
      pos = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) fail('niezamknięty komentarz', lt);
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) fail('niezamknięta sekcja CDATA', lt);
      if (stack.length === 0) fail('CDATA poza elementem głównym', lt);
      stack[stack.length - 1]!.text += xml.slice(lt + 9, end).replace(/\r\n?/g, '\n');
      pos = end + 3;
    } else if (next === 0x21 /* ! */) {
      fail('deklaracje DTD są niedozwolone', lt);
    } else if (next === 0x2f /* / */) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(xml)?.[0];
      const open = stack.pop();
      if (!name || !open) return fail('nieoczekiwany znacznik zamykający', lt);
      if (name !== open.qname) fail(`oczekiwano </${open.qname}>, a jest </${name}>`, lt);
      let end = lt + 2 + name.length;
      if (xml.charCodeAt(end) !== 0x3e /* > */) {
        end = xml.indexOf('>', lt);
        if (end === -1 || !WHITESPACE.test(xml.slice(lt + 2 + name.length, end))) {
          fail('niepoprawny znacznik zamykający', lt);
        }
      }
      pos = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const qname = NAME.exec(xml)?.[0];
      if (!qname) return fail('niepoprawna nazwa elementu', lt);
      const attributes: Record<string, string> = {};
      let cursor = lt + 1 + qname.length;
      const hasAttributes = xml.charCodeAt(cursor) !== 0x3e; /* > */
      while (hasAttributes) {
        ATTRIBUTE.lastIndex = cursor;
        const attribute = ATTRIBUTE.exec(xml);
        if (!attribute) break;
        const name = attribute[1]!;
        if (name in attributes) fail(`powtórzony atrybut ${name}`, cursor);
        attributes[name] = decode((attribute[2] ?? attribute[3]!).replace(/[\t\n\r]/g, ' '));
        cursor = ATTRIBUTE.lastIndex;
      }
      while (cursor < xml.length && /\s/.test(xml[cursor]!)) cursor++;
      const selfClosing = xml.startsWith('/>', cursor);
      if (!selfClosing && xml[cursor] !== '>') fail(`niepoprawny znacznik <${qname}>`, cursor);
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
