import type { Invoice } from '../model/invoice.model';
import { Fa3ParseError } from '../xml/fa3-parse.error';
import { parseInvoice } from '../xml/invoice-parser';
import { checkBusinessRules } from './business-rules';
import { checkKsefDocumentRules } from './ksef-document-rules';
import { checkKsefInvoiceRules, type ValidationEnvironment } from './ksef-invoice-rules';
import { issue, type ValidationIssue } from './validation-issue';
import { createLibxml2NativeXsdValidator, nativeXsdAddon } from './xsd-libxml2-native.validator';
import { createLibxml2WasmXsdValidator } from './xsd-libxml2-wasm.validator';
import { createLibxmljs2XsdValidator } from './xsd-libxmljs2.validator';
import type { XsdValidator, XsdValidatorKind } from './xsd-validator';

/** A safety cap well above the KSeF limits (1 MB, 3 MB with attachments). */
export const DEFAULT_VALIDATOR_MAX_BYTES = 10_000_000;

export interface ValidationResult {
  /** False when any issue has severity 'error'. Warnings alone keep an invoice valid. */
  valid: boolean;
  issues: ValidationIssue[];
  /** The parsed invoice, when the document passed the XSD layer. */
  invoice?: Invoice;
}

export interface InvoiceValidatorOptions {
  /** Schema validator implementation (default: see defaultXsdValidatorKind) or a ready instance. */
  xsd?: XsdValidatorKind | XsdValidator;
  /** Default 'PRD': NIP checksum failures are errors there, warnings on test/demo. */
  environment?: ValidationEnvironment;
  /** Larger input is refused before any parsing (default 10,000,000 B; KSeF's own limits are reported by layer b). */
  maxBytes?: number;
}

export interface ValidateOptions {
  /** The moment KSeF accepts the document, for the "P_1 not in the future" rule (default: now). */
  now?: Date;
  /** Skip layer (c). */
  skipBusinessRules?: boolean;
}

export interface InvoiceValidator {
  /** Runs all three layers: (a) XSD, (b) KSeF rules, (c) business consistency. Synchronous; never throws for bad input. */
  validate(xml: string | Uint8Array, options?: ValidateOptions): ValidationResult;
  readonly xsd: XsdValidator;
}

/**
 * The fastest validator this installation has: the libxml2 addon where it was built (libxml2 headers present at
 * install), otherwise libxml2-wasm, which needs no native build. Both use the same official schema and messages.
 */
export function defaultXsdValidatorKind(): XsdValidatorKind {
  return nativeXsdAddon() ? 'libxml2-native' : 'libxml2-wasm';
}

/** Creates a schema-validity checker for layer (a) alone. Async because the libraries load with import(). */
export async function createXsdValidator(kind: XsdValidatorKind = defaultXsdValidatorKind()): Promise<XsdValidator> {
  switch (kind) {
    case 'libxml2-native':
      return createLibxml2NativeXsdValidator();
    case 'libxml2-wasm':
      return createLibxml2WasmXsdValidator();
    case 'libxmljs2':
      return createLibxmljs2XsdValidator();
  }
}

/**
 * Creates the three-layer validator. Create it once per process and reuse it: the FA(3) schema is compiled once.
 */
export async function createInvoiceValidator(options: InvoiceValidatorOptions = {}): Promise<InvoiceValidator> {
  const xsd = typeof options.xsd === 'object' ? options.xsd : await createXsdValidator(options.xsd);
  const environment = options.environment ?? 'PRD';
  const maxBytes = options.maxBytes ?? DEFAULT_VALIDATOR_MAX_BYTES;
  return {
    xsd,
    validate(xml, validateOptions = {}) {
      const bytes = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : xml;
      if (bytes.byteLength > maxBytes) {
        const message = `Dokument ma ${bytes.byteLength} B; nie jest sprawdzany powyżej ${maxBytes} B.`;
        return result([issue('ksef', 'error', 'XML_TOO_LARGE', '', message)]);
      }
      const document = checkKsefDocumentRules(bytes);
      const issues = [...document.issues];
      if (document.text === undefined) return result(issues);
      const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      const schemaIssues = xsd.validate(hasBom ? bytes.subarray(3) : bytes);
      issues.unshift(...schemaIssues);
      if (schemaIssues.length > 0) return result(issues);
      let invoice: Invoice;
      try {
        invoice = parseInvoice(document.text, { maxBytes: Number.MAX_SAFE_INTEGER });
      } catch (error) {
        if (!(error instanceof Fa3ParseError)) throw error;
        issues.push(issue('xsd', 'error', error.code, error.path, error.message, error));
        return result(issues);
      }
      issues.push(...checkKsefInvoiceRules(invoice, { environment, now: validateOptions.now }));
      if (!validateOptions.skipBusinessRules) issues.push(...checkBusinessRules(invoice));
      return { ...result(issues), invoice };
    },
  };
}

function result(issues: ValidationIssue[]): ValidationResult {
  return { valid: !issues.some((i) => i.severity === 'error'), issues };
}
