import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FA3_NAMESPACE } from '../model/common.model';
import { type Invoice, invoiceNode, ROOT_ELEMENT } from '../model/invoice.model';
import type { ObjectNode, SchemaNode } from '../model/schema-node';
import { Fa3ParseError } from './fa3-parse.error';
import { assertNoDtd, decodeXmlInput, DEFAULT_MAX_INVOICE_BYTES } from './xml-guard';

export interface ParseInvoiceOptions {
  /** Refuse larger documents before parsing (default 3,000,000 B, the KSeF limit with attachments). */
  maxBytes?: number;
  /** Skip the well-formedness pass when the caller has just parsed the same text with libxml2 (the validator). */
  trustedSyntax?: boolean;
}

const ATTR_PREFIX = '@';
const TEXT_KEY = '#text';

// fast-xml-parser: pure JS and synchronous (libxml2-wasm is async-only to load), and the validator reports
// line/column. Values stay strings exactly as written; DTDs never reach it (see assertNoDtd).
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  textNodeName: TEXT_KEY,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses FA(3) XML into the typed model. Structure is checked against the model (required, unknown and duplicated
 * elements) but value formats are not: that is the XSD layer's job (`createInvoiceValidator`).
 */
export function parseInvoice(input: string | Uint8Array, options: ParseInvoiceOptions = {}): Invoice {
  const xml = decodeXmlInput(input, options.maxBytes ?? DEFAULT_MAX_INVOICE_BYTES);
  assertNoDtd(xml);
  const syntax = options.trustedSyntax ? true : XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (syntax !== true) {
    const { msg, line, col } = syntax.err;
    throw new Fa3ParseError('XML_MALFORMED', `Niepoprawny XML: ${msg}`, '', line, col);
  }
  assertRootNamespace(xml);
  const document = parser.parse(xml) as Record<string, unknown>;
  const root = document[ROOT_ELEMENT];
  if (root === undefined) {
    throw new Fa3ParseError('FA3_ROOT', `Elementem głównym musi być ${ROOT_ELEMENT}.`, '');
  }
  return readObject(invoiceNode, root, ROOT_ELEMENT) as Invoice;
}

function assertRootNamespace(xml: string): void {
  const start = /<(?:([A-Za-z_][\w.-]*):)?Faktura[\s>/]/.exec(xml);
  if (!start) throw new Fa3ParseError('FA3_ROOT', `Elementem głównym musi być ${ROOT_ELEMENT}.`, '');
  const tagEnd = xml.indexOf('>', start.index);
  const tag = xml.slice(start.index, tagEnd);
  const declaration = start[1] ? `xmlns:${start[1]}` : 'xmlns';
  const match = new RegExp(`\\s${declaration}\\s*=\\s*(["'])([^"']*)\\1`).exec(tag);
  if (match?.[2] !== FA3_NAMESPACE) {
    throw new Fa3ParseError(
      'FA3_NAMESPACE',
      `Element ${ROOT_ELEMENT} musi należeć do przestrzeni nazw ${FA3_NAMESPACE}.`,
      ROOT_ELEMENT,
    );
  }
}

function readObject(node: ObjectNode, raw: unknown, path: string): Record<string, unknown> {
  if (raw === '' || raw === undefined) raw = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} powinien zawierać elementy, a nie tekst.`, path);
  }
  const source = raw as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(node.fields)) {
    const fieldPath = `${path}/${name}`;
    if (field.occurs === 'attr') {
      const value = source[ATTR_PREFIX + name];
      if (value === undefined) throw missing(`${path}/@${name}`);
      result[name] = value;
      continue;
    }
    const value = source[name];
    if (value === undefined) {
      if (field.occurs === 'one') throw missing(fieldPath);
      continue;
    }
    if (field.occurs === 'many') {
      const items = Array.isArray(value) ? value : [value];
      result[name] = items.map((item, i) => readNode(field.node, item, `${fieldPath}[${i + 1}]`));
      continue;
    }
    if (Array.isArray(value)) {
      throw new Fa3ParseError('FA3_DUPLICATE_ELEMENT', `Element ${fieldPath} może wystąpić tylko raz.`, fieldPath);
    }
    result[name] = readNode(field.node, value, fieldPath);
  }
  for (const key of Object.keys(source)) {
    if (key === TEXT_KEY) {
      if ((source[key] as string).trim() !== '') {
        throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} zawiera niedozwolony tekst.`, path);
      }
      continue;
    }
    if (key.startsWith(ATTR_PREFIX)) continue;
    if (node.fields[key] === undefined && !node.fixedPrefix?.some((f) => f.name === key)) {
      throw new Fa3ParseError('FA3_UNKNOWN_ELEMENT', `Nieznany element ${path}/${key}.`, `${path}/${key}`);
    }
  }
  return result;
}

function readNode(node: SchemaNode, raw: unknown, path: string): unknown {
  if (node.type === 'object') return readObject(node, raw, path);
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const entries = Object.entries(raw as Record<string, unknown>);
    // A leaf may carry attributes we do not model (e.g. xsi:type); only its text counts.
    if (entries.every(([key]) => key === TEXT_KEY || key.startsWith(ATTR_PREFIX))) {
      return (raw as Record<string, unknown>)[TEXT_KEY] ?? '';
    }
  }
  throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} powinien zawierać tylko tekst.`, path);
}

function missing(path: string): Fa3ParseError {
  return new Fa3ParseError('FA3_MISSING_ELEMENT', `Brak wymaganego elementu ${path}.`, path);
}
