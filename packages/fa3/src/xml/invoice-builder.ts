import { type Invoice, invoiceNode, ROOT_ELEMENT, ROOT_NAMESPACES } from '../model/invoice.model';
import { type Field, layoutOf, type ObjectNode, type SchemaNode } from '../model/schema-node';
import { escapeAttribute, escapeText } from './xml-escape';

const INDENT = '  ';

/**
 * Serialises an invoice to FA(3) XML: UTF-8 (as a JS string; encode with `Buffer.from(xml, 'utf8')`, never with a
 * BOM), elements in schema order, two-space indentation, LF line ends. The output depends only on the model, so the
 * same invoice always gives the same bytes. Leaf values are written verbatim (escaped), never reformatted.
 */
export function buildInvoice(invoice: Invoice): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const rootAttrs = Object.entries(ROOT_NAMESPACES)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  writeObject(out, ROOT_ELEMENT, invoiceNode, invoice, '', rootAttrs);
  return out.join('');
}

/** Builds the UTF-8 bytes of an invoice (no BOM). */
export function buildInvoiceBytes(invoice: Invoice): Buffer {
  return Buffer.from(buildInvoice(invoice), 'utf8');
}

function writeObject(
  out: string[],
  name: string,
  node: ObjectNode,
  value: unknown,
  indent: string,
  extraAttrs = '',
): void {
  const record = (value ?? {}) as Record<string, unknown>;
  let attrs = extraAttrs;
  const children: string[] = [];
  const childIndent = indent + INDENT;
  for (const fixed of node.fixedPrefix ?? []) {
    const fixedAttrs = Object.entries(fixed.attributes)
      .map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`)
      .join('');
    children.push(`${childIndent}<${fixed.name}${fixedAttrs}>${escapeText(fixed.text)}</${fixed.name}>\n`);
  }
  for (const [fieldName, field] of layoutOf(node).entries) {
    const fieldValue = record[fieldName];
    if (fieldValue === undefined) continue;
    if (field.occurs === 'attr') {
      attrs += ` ${fieldName}="${escapeAttribute(fieldValue as string)}"`;
      continue;
    }
    writeField(children, fieldName, field, fieldValue, childIndent);
  }
  if (children.length === 0) {
    out.push(`${indent}<${name}${attrs}/>\n`);
    return;
  }
  out.push(`${indent}<${name}${attrs}>\n`, ...children, `${indent}</${name}>\n`);
}

function writeField(out: string[], name: string, field: Field, value: unknown, indent: string): void {
  if (field.occurs === 'many') {
    for (const item of value as unknown[]) writeNode(out, name, field.node, item, indent);
    return;
  }
  writeNode(out, name, field.node, value, indent);
}

function writeNode(out: string[], name: string, node: SchemaNode, value: unknown, indent: string): void {
  if (node.type === 'leaf') {
    out.push(`${indent}<${name}>${escapeText(value as string)}</${name}>\n`);
    return;
  }
  writeObject(out, name, node, value, indent);
}
