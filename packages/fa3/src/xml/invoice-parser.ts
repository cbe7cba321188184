import { FA3_NAMESPACE } from '../model/common.model';
import { type Invoice, invoiceNode, ROOT_ELEMENT } from '../model/invoice.model';
import { layoutOf, type ObjectNode, type SchemaNode } from '../model/schema-node';
import { Fa3ParseError } from './fa3-parse.error';
import { assertNoDtd, decodeXmlInput, DEFAULT_MAX_INVOICE_BYTES } from './xml-guard';
import { readXml, type XmlElementNode } from './xml-reader';

export interface ParseInvoiceOptions {
  /** Refuse larger documents before parsing (default 3,000,000 B, the KSeF limit with attachments). */
  maxBytes?: number;
}

/**
 * Parses FA(3) XML into the typed model, synchronously. Safe for untrusted input: size limit first, no DTD (so no
 * XXE or entity expansion), errors with line/column. Structure is checked against the model (required, unknown and
 * duplicated elements) but value formats are not: that is the XSD layer's job (`createInvoiceValidator`).
 */
export function parseInvoice(input: string | Uint8Array, options: ParseInvoiceOptions = {}): Invoice {
  const xml = decodeXmlInput(input, options.maxBytes ?? DEFAULT_MAX_INVOICE_BYTES);
  assertNoDtd(xml);
  const root = readXml(xml);
  if (root.name !== ROOT_ELEMENT) {
    throw new Fa3ParseError('FA3_ROOT', `Elementem głównym musi być ${ROOT_ELEMENT}.`, root.name);
  }
  const prefix = root.qname.includes(':') ? root.qname.slice(0, root.qname.indexOf(':')) : '';
  if (root.attributes[prefix ? `xmlns:${prefix}` : 'xmlns'] !== FA3_NAMESPACE) {
    throw new Fa3ParseError(
      'FA3_NAMESPACE',
      `Element ${ROOT_ELEMENT} musi należeć do przestrzeni nazw ${FA3_NAMESPACE}.`,
      ROOT_ELEMENT,
    );
  }
  return readObject(invoiceNode, root, ROOT_ELEMENT) as Invoice;
}

function readObject(node: ObjectNode, element: XmlElementNode, path: string): Record<string, unknown> {
  if (element.text.length > 0 && element.text.trim() !== '') {
    throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} zawiera niedozwolony tekst.`, path);
  }
  const layout = layoutOf(node);
  const result: Record<string, unknown> = {};
  // Repeated elements get an [index] in error paths only when there are several, as in the XSD layer.
  let counts: Map<string, number> | undefined;
  if (layout.hasRepeated) {
    counts = new Map<string, number>();
    for (const child of element.children) counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
  }
  for (const child of element.children) {
    const field = node.fields[child.name];
    if (field === undefined || field.occurs === 'attr') {
      if (node.fixedPrefix?.some((f) => f.name === child.name)) continue;
      const unknownPath = `${path}/${child.name}`;
      throw new Fa3ParseError('FA3_UNKNOWN_ELEMENT', `Nieznany element ${unknownPath}.`, unknownPath);
    }
    if (field.occurs === 'many') {
      const items = (result[child.name] ??= []) as unknown[];
      const childPath =
        counts!.get(child.name)! > 1 ? `${path}/${child.name}[${items.length + 1}]` : `${path}/${child.name}`;
      items.push(readNode(field.node, child, childPath));
      continue;
    }
    const childPath = `${path}/${child.name}`;
    if (result[child.name] !== undefined) {
      throw new Fa3ParseError('FA3_DUPLICATE_ELEMENT', `Element ${childPath} może wystąpić tylko raz.`, childPath);
    }
    result[child.name] = readNode(field.node, child, childPath);
  }
  for (const name of layout.attributes) {
    const value = element.attributes[name];
    if (value === undefined) throw missing(`${path}/@${name}`);
    result[name] = value;
  }
  for (const name of layout.required) if (result[name] === undefined) throw missing(`${path}/${name}`);
  return result;
}

function readNode(node: SchemaNode, element: XmlElementNode, path: string): unknown {
  if (node.type === 'object') return readObject(node, element, path);
  if (element.children.length > 0) {
    throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} powinien zawierać tylko tekst.`, path);
  }
  return element.text;
}

function missing(path: string): Fa3ParseError {
  return new Fa3ParseError('FA3_MISSING_ELEMENT', `Brak wymaganego elementu ${path}.`, path);
}
