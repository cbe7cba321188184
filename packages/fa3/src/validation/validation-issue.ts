export type ValidationLayer = 'xsd' | 'ksef' | 'business';
export type ValidationSeverity = 'error' | 'warning';

/** One finding. `path` is an element path such as `Faktura/Fa/FaWiersz[2]/P_11` ('' for the whole document). */
export interface ValidationIssue {
  layer: ValidationLayer;
  path: string;
  code: string;
  /** Polish, for people. */
  message: string;
  severity: ValidationSeverity;
  line?: number;
  column?: number;
  /** Technical detail (e.g. the validator's original English message), for logs and support. */
  detail?: string;
}

export function issue(
  layer: ValidationLayer,
  severity: ValidationSeverity,
  code: string,
  path: string,
  message: string,
  position?: { line?: number; column?: number },
): ValidationIssue {
  const result: ValidationIssue = { layer, path, code, message, severity };
  if (position?.line !== undefined) result.line = position.line;
  if (position?.column !== undefined) result.column = position.column;
  return result;
}
