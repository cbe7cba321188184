import { resolve } from 'node:path';
import type { ValidationIssue } from './validation-issue';

/** Directory with the official FA(3) schema (offline variant: imports resolve to `bazowe/`). */
export const FA3_SCHEMA_DIR = resolve(__dirname, '../../schemas/FA3');
export const FA3_SCHEMA_FILE = resolve(FA3_SCHEMA_DIR, 'schemat_FA3_v1-0E.local.xsd');

export type XsdValidatorKind = 'libxml2-native' | 'libxml2-wasm' | 'libxmljs2';

/**
 * Validation against the FA(3) XSD (layer a). Implementations parse the document themselves and report malformed XML
 * as issues too. `validate` never throws for bad input; `dispose` frees native/wasm memory.
 */
export interface XsdValidator {
  readonly kind: XsdValidatorKind;
  validate(xml: string | Uint8Array): ValidationIssue[];
  dispose(): void;
}
