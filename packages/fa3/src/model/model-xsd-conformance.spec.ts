import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FA3_SCHEMA_FILE } from '../validation/xsd-validator';
import { readXml, type XmlElementNode } from '../xml/xml-reader';
import { invoiceNode } from './invoice.model';
import type { ObjectNode, Occurs } from './schema-node';

/** One child element of a complex type as the XSD declares it, flattened through sequences and choices. */
interface XsdChild {
  name: string;
  element: XmlElementNode;
  /** Repeats (maxOccurs > 1 on the element). */
  repeated: boolean;
  /** Always present (minOccurs ≥ 1 on it and on every enclosing sequence, and not inside a choice). */
  required: boolean;
}

const schema = readXml(readFileSync(FA3_SCHEMA_FILE, 'utf8'));
const namedTypes = new Map(
  schema.children.filter((c) => c.name === 'complexType').map((c) => [c.attributes.name!, c] as const),
);

function childrenOf(complexType: XmlElementNode): { children: XsdChild[]; attributes: string[] } {
  const children: XsdChild[] = [];
  const attributes: string[] = [];
  const walk = (node: XmlElementNode, required: boolean): void => {
    for (const child of node.children) {
      const optional = child.attributes.minOccurs === '0';
      if (child.name === 'sequence') walk(child, required && !optional);
      else if (child.name === 'choice') walk(child, false);
      else if (child.name === 'element') {
        children.push({
          name: child.attributes.name!,
          element: child,
          repeated: (child.attributes.maxOccurs ?? '1') !== '1',
          required: required && !optional,
        });
      } else if (child.name === 'attribute') attributes.push(child.attributes.name!);
      else if (['complexContent', 'simpleContent', 'extension'].includes(child.name)) {
        const base = child.attributes.base?.replace(/^tns:/, '');
        const baseType = base ? namedTypes.get(base) : undefined;
        if (baseType) walk(baseType, required);
        walk(child, required);
      }
    }
  };
  walk(complexType, true);
  return { children, attributes };
}

function typeOf(element: XmlElementNode): XmlElementNode | undefined {
  const inline = element.children.find((c) => c.name === 'complexType');
  if (inline) return inline;
  return namedTypes.get(element.attributes.type?.replace(/^tns:/, '') ?? '');
}

function expectedOccurs(child: XsdChild): Occurs {
  if (child.repeated) return 'many';
  return child.required ? 'one' : 'opt';
}

/** Compares a descriptor with the XSD type at `path`, recursively; returns human-readable differences. */
function compare(
  node: ObjectNode,
  complexType: XmlElementNode,
  path: string,
  problems: string[],
  compared: string[],
): void {
  compared.push(path);
  const { children, attributes } = childrenOf(complexType);
  const fixed = new Set((node.fixedPrefix ?? []).map((f) => f.name));
  const xsdNames = children.map((c) => c.name).filter((n) => !fixed.has(n));
  const modelNames = Object.entries(node.fields)
    .filter(([, f]) => f.occurs !== 'attr')
    .map(([n]) => n);
  if (JSON.stringify(modelNames) !== JSON.stringify(xsdNames)) {
    problems.push(`${path}: model [${modelNames.join(', ')}] vs XSD [${xsdNames.join(', ')}]`);
    return;
  }
  const modelAttributes = Object.entries(node.fields)
    .filter(([, f]) => f.occurs === 'attr')
    .map(([n]) => n);
  if (JSON.stringify(modelAttributes) !== JSON.stringify(attributes)) {
    problems.push(`${path}: attributes [${modelAttributes.join(', ')}] vs XSD [${attributes.join(', ')}]`);
  }
  for (const child of children) {
    if (fixed.has(child.name)) continue;
    const field = node.fields[child.name]!;
    const childPath = `${path}/${child.name}`;
    // Members of a choice count as optional (expectedOccurs), as they are in the model.
    const occurs = expectedOccurs(child);
    if (field.occurs !== occurs) {
      problems.push(`${childPath}: occurs ${field.occurs}, XSD says ${occurs}`);
    }
    const type = typeOf(child.element);
    const hasElements = type !== undefined && childrenOf(type).children.length > 0;
    if (field.node.type === 'object' && hasElements) compare(field.node, type, childPath, problems, compared);
    else if ((field.node.type === 'object') !== hasElements) problems.push(`${childPath}: leaf/complex mismatch`);
  }
}

describe('model descriptors vs the official FA(3) XSD', () => {
  it('every complex element has the same children, in the same order, with the same occurrence', () => {
    const root = schema.children.find((c) => c.name === 'element' && c.attributes.name === 'Faktura')!;
    const problems: string[] = [];
    const compared: string[] = [];
    compare(invoiceNode, typeOf(root)!, 'Faktura', problems, compared);
    expect(problems).toEqual([]);
    expect(compared).toContain('Faktura/Fa/FaWiersz');
    expect(compared).toContain('Faktura/Zalacznik/BlokDanych/Tabela/TNaglowek/Kol');
    expect(compared.length).toBeGreaterThan(50);
  });
});
