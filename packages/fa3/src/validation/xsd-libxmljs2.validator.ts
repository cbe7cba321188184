import { readFileSync } from 'node:fs';
import type * as Libxmljs2Module from 'libxmljs2';
import { Fa3ParseError } from '../xml/fa3-parse.error';
import { assertNoDtd } from '../xml/xml-guard';
import { type ValidationIssue } from './validation-issue';
import { FA3_SCHEMA_FILE, type XsdValidator } from './xsd-validator';
import { xmlSyntaxIssue, xsdIssue } from './xsd-messages';

type Libxmljs2 = typeof Libxmljs2Module;

/**
 * Schema-validity checker on the native libxmljs2 binding. It is kept as a second implementation for comparison:
 * libxmljs2 re-compiles the schema inside every `validate` call, which makes it far slower than libxml2-wasm.
 */
class Libxmljs2XsdValidator implements XsdValidator {
  readonly kind = 'libxmljs2' as const;

  constructor(
    private readonly lib: Libxmljs2,
    private readonly schema: Libxmljs2Module.Document,
  ) {}

  validate(xml: string | Uint8Array): ValidationIssue[] {
    const text =
      typeof xml === 'string' ? xml : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('utf8');
    try {
      assertNoDtd(text);
    } catch (error) {
      if (error instanceof Fa3ParseError) return [xmlSyntaxIssue(error.message, error.line, error.column, error.code)];
      throw error;
    }
    let doc: Libxmljs2Module.Document;
    try {
      doc = this.lib.parseXml(text, { nonet: true, noent: false, dtdload: false });
    } catch (error) {
      const e = error as { message?: string; line?: number; column?: number };
      return [xmlSyntaxIssue(e.message ?? String(error), e.line, e.column)];
    }
    if (doc.validate(this.schema)) return [];
    return doc.validationErrors.map((e) => xsdIssue(e.message, '', e.line ?? undefined, e.column));
  }

  dispose(): void {}
}

export async function createLibxmljs2XsdValidator(): Promise<XsdValidator> {
  // Loaded lazily: a native module that most callers (the default validator) never need.
  const lib = (await import('libxmljs2')) as Libxmljs2;
  const schema = lib.parseXml(readFileSync(FA3_SCHEMA_FILE, 'utf8'), { baseUrl: FA3_SCHEMA_FILE, nonet: true });
  return new Libxmljs2XsdValidator(lib, schema);
}
