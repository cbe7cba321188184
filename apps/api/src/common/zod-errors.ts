import type { z } from 'zod';
import type { FieldError } from './domain.exception';

/** `['lines', 0, 'vatRate']` -> `lines[0].vatRate`; the root is `(body)`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(body)';
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const key = String(part);
    return out ? `${out}.${key}` : key;
  }, '');
}

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap<FieldError>((issue) =>
    // An unknown field is reported at its own path, so the caller sees which one to remove.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: fieldPath([...issue.path, key]),
          message: 'Nieznane pole: usuń je z żądania.',
          code: issue.code,
        }))
      : [{ path: fieldPath(issue.path), message: issue.message, code: issue.code }],
  );
}
