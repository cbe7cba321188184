import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ValidationIssue } from './validation-issue';
import { FA3_SCHEMA_DIR, FA3_SCHEMA_FILE, type XsdValidator } from './xsd-validator';
import { xmlSyntaxIssue, xsdIssue } from './xsd-messages';
import { dtdIssue } from './xsd-precheck';

// Type-only import of the ESM package; the runtime value comes from import() below.
import type * as Libxml2Module from 'libxml2-wasm' with { 'resolution-mode': 'import' };

type Libxml2 = typeof Libxml2Module;
type XmlDocument = Libxml2Module.XmlDocument;
type XmlNode = Libxml2Module.XmlNode;
type CompiledSchema = Libxml2Module.XsdValidator;

let libraryPromise: Promise<Libxml2> | undefined;
let compiledPromise: Promise<CompiledSchema> | undefined;

/** libxml2-wasm is ESM-only with top-level await, so `require()` fails on Node 20: it is loaded once with import(). */
function loadLibrary(): Promise<Libxml2> {
  libraryPromise ??= import('libxml2-wasm');
  return libraryPromise;
}

function schemaFiles(dir: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.xsd')) {
      const path = join(entry.parentPath, entry.name);
      files[path] = readFileSync(path);
    }
  }
  return files;
}

/** Compiles the FA(3) schema once per process; includes are served from memory, never from the network. */
async function compiledSchema(): Promise<CompiledSchema> {
  compiledPromise ??= (async () => {
    const lib = await loadLibrary();
    const files = schemaFiles(FA3_SCHEMA_DIR);
    lib.xmlRegisterInputProvider(new lib.XmlBufferInputProvider(files));
    const schemaDoc = lib.XmlDocument.fromBuffer(files[FA3_SCHEMA_FILE]!, { url: FA3_SCHEMA_FILE });
    try {
      return lib.XsdValidator.fromDoc(schemaDoc);
    } finally {
      schemaDoc.dispose();
    }
  })();
  return compiledPromise;
}

/** Element path with names, e.g. `Faktura/Fa/FaWiersz[2]/P_11`, from libxml2's positional XPath. */
function namedPath(lib: Libxml2, doc: XmlDocument, xpath: string | undefined): string {
  if (!xpath) return '';
  let node: XmlNode | null;
  try {
    node = doc.get(xpath);
  } catch {
    return '';
  }
  const parts: string[] = [];
  while (node instanceof lib.XmlElement) {
    const element = node;
    let index = 1;
    let total = 1;
    for (let s = element.prev; s; s = s.prev) if (s instanceof lib.XmlElement && s.name === element.name) index++;
    for (let s = element.next; s; s = s.next) if (s instanceof lib.XmlElement && s.name === element.name) total++;
    parts.unshift(total > 1 ? `${element.name}[${index}]` : element.name);
    node = element.parent;
  }
  return parts.join('/');
}

class Libxml2WasmXsdValidator implements XsdValidator {
  readonly kind = 'libxml2-wasm' as const;

  /**
   * Defence in depth: DTDs never get here (assertNoDtd), and libxml2 is still told not to load anything. COMPACT and
   * NOBLANKS make the tree cheaper to build and to walk (~15% of the layer on a 20-line invoice). Dropping indentation
   * does not change the verdict: libxml2 keeps whitespace that is an element's only content, so only blanks next to a
   * comment inside a text element could be lost, which no real invoice has.
   */
  private readonly parseOptions: number;

  constructor(
    private readonly lib: Libxml2,
    private readonly schema: CompiledSchema,
  ) {
    const { ParseOption } = lib;
    this.parseOptions =
      ParseOption.XML_PARSE_NONET |
      ParseOption.XML_PARSE_NO_XXE |
      ParseOption.XML_PARSE_COMPACT |
      ParseOption.XML_PARSE_NOBLANKS |
      ParseOption.XML_PARSE_BIG_LINES;
  }

  validate(xml: string | Uint8Array): ValidationIssue[] {
    const { lib } = this;
    const refused = dtdIssue(xml);
    if (refused) return [refused];
    let doc: XmlDocument;
    try {
      const parseOptions = { option: this.parseOptions };
      doc =
        typeof xml === 'string'
          ? lib.XmlDocument.fromString(xml, parseOptions)
          : lib.XmlDocument.fromBuffer(xml, parseOptions);
    } catch (error) {
      if (error instanceof lib.XmlLibError) {
        const first = error.details[0];
        return [xmlSyntaxIssue(first?.message ?? error.message, first?.line, first?.col)];
      }
      throw error;
    }
    try {
      this.schema.validate(doc);
      return [];
    } catch (error) {
      if (!(error instanceof lib.XmlLibError)) throw error;
      return error.details.map((d) => xsdIssue(d.message, namedPath(lib, doc, d.xpath), d.line, d.col));
    } finally {
      doc.dispose();
    }
  }

  // The compiled schema is shared by all instances in the process, so there is nothing per-instance to free.
  dispose(): void {}
}

/** Schema-validity checker backed by libxml2 compiled to WebAssembly; the schema is compiled once per process. */
export async function createLibxml2WasmXsdValidator(): Promise<XsdValidator> {
  const [lib, schema] = await Promise.all([loadLibrary(), compiledSchema()]);
  return new Libxml2WasmXsdValidator(lib, schema);
}
