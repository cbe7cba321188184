import fc from 'fast-check';
import { type Invoice, invoiceNode } from '../model/invoice.model';
import type { LeafKind, LeafNode, ObjectNode, SchemaNode } from '../model/schema-node';

// Characters that stress escaping and encoding: XML specials, Polish letters, astral-plane emoji, CR/LF/TAB.
const TEXT_CHARS = [
  'a',
  'Z',
  '7',
  ' ',
  'ą',
  'Ż',
  'ł',
  'É',
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '\n',
  '\r',
  '\t',
  '€',
  '😀',
];
const text = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 12 }).map((parts) => parts.join(''));
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
const decimal = (fraction: number) =>
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), digits(0, fraction))
    .map(([negative, whole, frac]) => `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`);
const date = fc
  .date({ min: new Date('2006-01-01'), max: new Date('2050-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const LEAVES: Record<Exclude<LeafKind, 'enum'>, fc.Arbitrary<string>> = {
  text,
  text512: text,
  text50: text,
  text20: text,
  longText: text,
  amount: decimal(2),
  amount8: decimal(8),
  quantity: decimal(6),
  percent: decimal(2),
  natural: digits(1, 6),
  integer: digits(1, 4),
  date,
  dateTime: fc
    .date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2040-01-01') })
    .map((d) => d.toISOString()),
  nip: digits(10, 10),
  country: fc.constantFrom('PL', 'DE', 'US'),
  currency: fc.constantFrom('PLN', 'EUR', 'USD'),
  email: fc.emailAddress(),
  ksefNumber: fc.constant('5265877635-20250826-0100001AF629-AF'),
  vatUe: digits(8, 12),
  bankAccount: digits(26, 26),
  swift: fc.constantFrom('PKOPPLPW', 'BREXPLPWMBK'),
  krs: digits(10, 10),
  regon: digits(9, 9),
  gln: digits(13, 13),
  taxId: text,
  phone: digits(9, 9),
};

function leafArbitrary(node: LeafNode): fc.Arbitrary<string> {
  if (node.kind === 'enum') return fc.constantFrom(...(node.values ?? ['']));
  return LEAVES[node.kind];
}

const cache = new Map<SchemaNode, fc.Arbitrary<unknown>>();

/** Random values for any model node: every optional field may be absent, repeated fields hold 1-2 items. */
export function arbitraryFor(node: SchemaNode): fc.Arbitrary<unknown> {
  const cached = cache.get(node);
  if (cached) return cached;
  const arbitrary = node.type === 'leaf' ? leafArbitrary(node) : objectArbitrary(node);
  cache.set(node, arbitrary);
  return arbitrary;
}

function objectArbitrary(node: ObjectNode): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(node.fields)) {
    const item = arbitraryFor(field.node);
    model[name] = field.occurs === 'many' ? fc.array(item, { minLength: 1, maxLength: 2 }) : item;
    if (field.occurs === 'one' || field.occurs === 'attr') required.push(name);
  }
  return fc.record(model, { requiredKeys: required });
}

export const invoiceArbitrary = arbitraryFor(invoiceNode) as fc.Arbitrary<Invoice>;
