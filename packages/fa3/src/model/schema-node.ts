/**
 * A tiny schema language that describes the FA(3) element tree once. The XML builder, the XML parser and the
 * property-test generators all walk the same descriptors, so element order, optionality and repetition cannot
 * drift between them; the TypeScript model types are inferred from the descriptors.
 */

/** What a leaf holds; drives the test generators and documents the lexical form. All leaf values are strings. */
export type LeafKind =
  | 'text' // TZnakowy: token, 1..256
  | 'text512' // TZnakowy512
  | 'text50'
  | 'text20'
  | 'longText' // TTekstowy: 1..3500
  | 'amount' // TKwotowy: -?\d{1,16}(\.\d{1,2})?
  | 'amount8' // TKwotowy2: up to 8 fraction digits (unit prices)
  | 'quantity' // TIlosci: up to 6 fraction digits (quantities, exchange rates)
  | 'percent' // TProcentowy: 0..100
  | 'natural' // TNaturalny
  | 'integer'
  | 'date' // YYYY-MM-DD
  | 'dateTime' // xsd:dateTime
  | 'nip'
  | 'country'
  | 'currency'
  | 'email'
  | 'ksefNumber'
  | 'vatUe'
  | 'bankAccount'
  | 'swift'
  | 'krs'
  | 'regon'
  | 'gln'
  | 'taxId'
  | 'phone'
  | 'enum';

export interface LeafNode<T extends string = string> {
  readonly type: 'leaf';
  readonly kind: LeafKind;
  readonly values?: readonly T[];
  /** Phantom marker used only for type inference. */
  readonly __value?: T;
}

export type Occurs = 'one' | 'opt' | 'many' | 'attr';

export interface Field<N extends SchemaNode = SchemaNode, O extends Occurs = Occurs> {
  readonly node: N;
  readonly occurs: O;
}

export type Fields = Readonly<Record<string, Field>>;

export interface ObjectNode<F extends Fields = Fields> {
  readonly type: 'object';
  readonly fields: F;
  /** Elements written before the modelled fields with constant content (e.g. KodFormularza). */
  readonly fixedPrefix?: readonly FixedElement[];
}

export interface FixedElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
}

export type SchemaNode = LeafNode<string> | ObjectNode;

export function leaf(kind: Exclude<LeafKind, 'enum'>): LeafNode<string> {
  return { type: 'leaf', kind };
}

export function oneOf<const T extends readonly string[]>(values: T): LeafNode<T[number]> {
  return { type: 'leaf', kind: 'enum', values };
}

export function obj<const F extends Fields>(fields: F, fixedPrefix?: readonly FixedElement[]): ObjectNode<F> {
  return fixedPrefix ? { type: 'object', fields, fixedPrefix } : { type: 'object', fields };
}

/** Exactly one element. */
export function one<N extends SchemaNode>(node: N): Field<N, 'one'> {
  return { node, occurs: 'one' };
}

/** Zero or one element (also used for every member of an XSD choice: the XSD enforces the choice). */
export function opt<N extends SchemaNode>(node: N): Field<N, 'opt'> {
  return { node, occurs: 'opt' };
}

/** Zero or more elements; absent in the model when there are none. */
export function many<N extends SchemaNode>(node: N): Field<N, 'many'> {
  return { node, occurs: 'many' };
}

/** A required XML attribute holding a leaf value. */
export function attr<T extends string>(node: LeafNode<T>): Field<LeafNode<T>, 'attr'> {
  return { node, occurs: 'attr' };
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type InferField<F> =
  F extends Field<infer N, 'many'> ? InferNode<N>[] : F extends Field<infer N, Occurs> ? InferNode<N> : never;

type RequiredKeys<F extends Fields> = {
  [K in keyof F]: F[K]['occurs'] extends 'one' | 'attr' ? K : never;
}[keyof F];

type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;

export type InferFields<F extends Fields> = Simplify<
  { -readonly [K in RequiredKeys<F>]: InferField<F[K]> } & { -readonly [K in OptionalKeys<F>]?: InferField<F[K]> }
>;

/** The model type described by a schema node. */
export type InferNode<N> = N extends LeafNode<infer T> ? T : N extends ObjectNode<infer F> ? InferFields<F> : never;

export interface NodeLayout {
  /** [name, field] in schema order. */
  readonly entries: readonly (readonly [string, Field])[];
  readonly required: readonly string[];
  readonly attributes: readonly string[];
  /** Field by element name: a Map beats a keyed lookup on the descriptor objects, which have up to ~60 keys. */
  readonly byName: ReadonlyMap<string, Field>;
}

const layouts = new WeakMap<ObjectNode, NodeLayout>();

/** Per-node field lists computed once: the builder and parser walk them for every element of every invoice. */
export function layoutOf(node: ObjectNode): NodeLayout {
  let layout = layouts.get(node);
  if (!layout) {
    const entries = Object.entries(node.fields);
    layout = {
      entries,
      required: entries.filter(([, f]) => f.occurs === 'one').map(([name]) => name),
      attributes: entries.filter(([, f]) => f.occurs === 'attr').map(([name]) => name),
      byName: new Map(entries),
    };
    layouts.set(node, layout);
  }
  return layout;
}
