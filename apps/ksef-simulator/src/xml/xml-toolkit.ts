import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as LibXmlModule from 'libxml2-wasm' with { 'resolution-mode': 'import' };
import type { XmlDocument, XsdValidator } from 'libxml2-wasm' with { 'resolution-mode': 'import' };

type LibXml = typeof LibXmlModule;

/** Official schemas copied into the package (nothing at runtime reads /work/shared). */
export const SCHEMAS_DIR = join(__dirname, '..', '..', 'schemas');

let fsProvidersRegistered = false;

export type SchemaName = 'FA3' | 'AUTH_2_0' | 'AUTH_2_1' | 'UPO_4_3';

const SCHEMA_FILES: Record<SchemaName, string> = {
  FA3: 'fa3/schemat_FA3_v1-0E.local.xsd',
  AUTH_2_0: 'auth/schemat_auth_v2-0.local.xsd',
  AUTH_2_1: 'auth/schemat_auth_v2-1.xsd',
  UPO_4_3: 'upo/upo-v4-3.xsd',
};

/**
 * libxml2 (WebAssembly) with the schemas compiled once at start-up. libxml2-wasm is ESM-only with top-level
 * await, so it is loaded with a real dynamic import().
 */
export class XmlToolkit {
  private constructor(
    readonly lib: LibXml,
    private readonly validators: Map<SchemaName, XsdValidator>,
  ) {}

  static async load(): Promise<XmlToolkit> {
    const lib = await import('libxml2-wasm');
    const nodeIo = await import('libxml2-wasm/lib/nodejs.mjs');
    // Lets xsd:include/xsd:import resolve relative files next to the schema (once per process).
    if (!fsProvidersRegistered) fsProvidersRegistered = nodeIo.xmlRegisterFsInputProviders();
    const validators = new Map<SchemaName, XsdValidator>();
    for (const [name, file] of Object.entries(SCHEMA_FILES) as [SchemaName, string][]) {
      const path = join(SCHEMAS_DIR, file);
      const schemaDoc = lib.XmlDocument.fromBuffer(readFileSync(path), { url: path });
      validators.set(name, lib.XsdValidator.fromDoc(schemaDoc));
    }
    return new XmlToolkit(lib, validators);
  }

  /** Parses without network access or entity expansion; throws on malformed XML. */
  parse(xml: Uint8Array): XmlDocument {
    return this.lib.XmlDocument.fromBuffer(xml);
  }

  /** Returns the validation messages (empty when valid). */
  validate(schema: SchemaName, doc: XmlDocument): string[] {
    const validator = this.validators.get(schema);
    if (!validator) throw new Error(`Schema ${schema} not loaded`);
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (error instanceof this.lib.XmlValidateError) {
        return error.details.map((d) => `linia ${d.line}: ${d.message.trim()}`);
      }
      throw error;
    }
  }

  dispose(): void {
    for (const validator of this.validators.values()) validator.dispose();
    this.validators.clear();
  }
}
