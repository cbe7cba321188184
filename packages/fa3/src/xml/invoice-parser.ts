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
  return readObject(invoiceNode, { parent: undefined, element: root, repeated: false }) as Invoice;
}

/**
 * Where an element sits, kept as links rather than strings: paths are only spelled out for an error, so a valid
 * invoice builds none. Repeated elements get an [index] only when there are several, as in the XSD layer.
 */
interface Location {
  readonly parent: Location | undefined;
  readonly element: XmlElementNode;
  readonly repeated: boolean;
}

function pathOf(location: Location): string {
  const { parent, element } = location;
  if (!parent) return element.name;
  let step = element.name;
  if (location.repeated) {
    const same = parent.element.children.filter((c) => c.name === element.name);
    if (same.length > 1) step = `${element.name}[${same.indexOf(element) + 1}]`;
  }
  return `${pathOf(parent)}/${step}`;
}

function readObject(node: ObjectNode, location: Location): Record<string, unknown> {
  const { element } = location;
  if (element.text.length > 0 && /\S/.test(element.text)) {
    const path = pathOf(location);
    throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} zawiera niedozwolony tekst.`, path);
  }
  const layout = layoutOf(node);
  const result: Record<string, unknown> = {};
  for (const child of element.children) {
    const field = layout.byName.get(child.name);
    if (field === undefined || field.occurs === 'attr') {
      if (node.fixedPrefix?.some((f) => f.name === child.name)) continue;
      const unknownPath = `${pathOf(location)}/${child.name}`;
      throw new Fa3ParseError('FA3_UNKNOWN_ELEMENT', `Nieznany element ${unknownPath}.`, unknownPath);
    }
    if (field.occurs === 'many') {
      const items = (result[child.name] ??= []) as unknown[];
      items.push(readNode(field.node, { parent: location, element: child, repeated: true }));
      continue;
    }
    if (result[child.name] !== undefined) {
      const childPath = `${pathOf(location)}/${child.name}`;
      throw new Fa3ParseError('FA3_DUPLICATE_ELEMENT', `Element ${childPath} może wystąpić tylko raz.`, childPath);
    }
    result[child.name] = readNode(field.node, { parent: location, element: child, repeated: false });
  }
  for (const name of layout.attributes) {
    const value = element.attributes[name];
    if (value === undefined) throw missing(`${pathOf(location)}/@${name}`);
    result[name] = value;
  }
  for (const name of layout.required) if (result[name] === undefined) throw missing(`${pathOf(location)}/${name}`);
  return result;
}

function readNode(node: SchemaNode, location: Location): unknown {
  if (node.type === 'object') return readObject(node, location);
  if (location.element.children.length > 0) {
    const path = pathOf(location);
    throw new Fa3ParseError('FA3_UNEXPECTED_CONTENT', `Element ${path} powinien zawierać tylko tekst.`, path);
  }
  return location.element.text;
}

function missing(path: string): Fa3ParseError {
  return new Fa3ParseError('FA3_MISSING_ELEMENT', `Brak wymaganego elementu ${path}.`, path);
}
