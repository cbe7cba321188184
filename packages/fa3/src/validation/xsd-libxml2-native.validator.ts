import { resolve } from 'node:path';
import { type ValidationIssue } from './validation-issue';
import { FA3_SCHEMA_FILE, type XsdValidator } from './xsd-validator';
import { xmlSyntaxIssue, xsdIssue } from './xsd-messages';
import { dtdIssue } from './xsd-precheck';

/** What native/src/xsd_addon.c reports for one problem. */
interface NativeIssue {
  syntax: boolean;
  message: string;
  line: number;
  column: number;
  path?: string;
}

interface NativeAddon {
  compile(schemaPath: string): unknown;
  validate(schema: unknown, document: Uint8Array): NativeIssue[] | null;
  readonly libxmlVersion: string;
}

/** Built by `native/build.cjs` on install; the same relative place from src/ (tests) and dist/ (apps). */
export const NATIVE_ADDON_FILE = resolve(__dirname, '../../native/build/Release/fa3_libxml2.node');

let addon: NativeAddon | null | undefined;
let compiled: unknown;

/** The addon, or null when it was not built here (no libxml2 headers at install time). */
export function nativeXsdAddon(): NativeAddon | null {
  if (addon === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a native addon loads only through require
      addon = require(NATIVE_ADDON_FILE) as NativeAddon;
    } catch {
      addon = null;
    }
  }
  return addon;
}

class Libxml2NativeXsdValidator implements XsdValidator {
  readonly kind = 'libxml2-native' as const;

  constructor(
    private readonly native: NativeAddon,
    private readonly schema: unknown,
  ) {}

  validate(xml: string | Uint8Array): ValidationIssue[] {
    const refused = dtdIssue(xml);
    if (refused) return [refused];
    const found = this.native.validate(this.schema, typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml);
    if (found === null) return [];
    // libxml2 stops at the first well-formedness error; later ones would only echo it.
    if (found[0]?.syntax) return [xmlSyntaxIssue(found[0].message, found[0].line, found[0].column)];
    return found.map((i) => xsdIssue(i.message, i.path ?? '', i.line, i.column));
  }

  // The compiled schema is shared by all instances in the process and freed with it.
  dispose(): void {}
}

/**
 * Schema-validity checker on the system's libxml2 through a small Node-API addon: the schema is compiled once per
 * process and each call parses and validates without copying the input. About twice as fast as libxml2-wasm.
 */
export function createLibxml2NativeXsdValidator(): XsdValidator {
  const native = nativeXsdAddon();
  if (!native) {
    throw new Error(
      'The libxml2 addon of @bufor/fa3 is not built: install libxml2-dev and pkg-config, then run pnpm install.',
    );
  }
  compiled ??= native.compile(FA3_SCHEMA_FILE);
  return new Libxml2NativeXsdValidator(native, compiled);
}
