import { positionOf } from '../xml/fa3-parse.error';
import { issue, type ValidationIssue } from './validation-issue';

/** Size limits without / with an attachment (SPEC-NOTES §8.6, default per-context values). */
export const KSEF_MAX_BYTES = 1_000_000;
export const KSEF_MAX_BYTES_WITH_ATTACHMENT = 3_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Byte-level KSeF rules (layer b): UTF-8 without BOM, no other declared encoding, no processing instructions,
 * no discouraged code points, size. Returns the decoded text (undefined when it is not UTF-8).
 */
export function checkKsefDocumentRules(bytes: Uint8Array): { issues: ValidationIssue[]; text?: string } {
  const issues: ValidationIssue[] = [];
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (hasBom) {
    issues.push(ksef('KSEF_BOM', '', 'Plik nie może zaczynać się znacznikiem BOM (wymagane UTF-8 bez BOM).', 1, 1));
  }
  let text: string;
  try {
    text = utf8.decode(hasBom ? bytes.subarray(3) : bytes);
  } catch {
    issues.push(ksef('KSEF_NOT_UTF8', '', 'Plik nie jest poprawnie zakodowany w UTF-8.'));
    return { issues };
  }
  const declaration = /^<\?xml\s[^?]*?encoding\s*=\s*["']([^"']+)["']/.exec(text);
  if (declaration && declaration[1]!.toUpperCase() !== 'UTF-8') {
    issues.push(
      ksef('KSEF_ENCODING', '', `Deklarowane kodowanie '${declaration[1]}' jest niedozwolone; wymagane UTF-8.`, 1, 1),
    );
  }
  for (const pi of text.indexOf('<?', 1) === -1 ? [] : text.matchAll(/<\?([A-Za-z_][\w.-]*)/g)) {
    if (pi.index === 0 && pi[1] === 'xml') continue;
    const { line, column } = positionOf(text, pi.index);
    issues.push(
      ksef('KSEF_PROCESSING_INSTRUCTION', '', 'Instrukcje przetwarzania (<?...?>) są niedozwolone.', line, column),
    );
  }
  const forbidden = mayHoldForbidden(bytes) ? findForbiddenCharacter(text) : undefined;
  if (forbidden !== undefined) {
    const { line, column } = positionOf(text, forbidden.index);
    const hex = forbidden.codePoint.toString(16).toUpperCase().padStart(4, '0');
    issues.push(ksef('KSEF_FORBIDDEN_CHARACTER', '', `Niedozwolony znak U+${hex}.`, line, column));
  }
  const limit = text.includes('Zalacznik>') ? KSEF_MAX_BYTES_WITH_ATTACHMENT : KSEF_MAX_BYTES;
  if (bytes.byteLength > limit) {
    issues.push(ksef('KSEF_SIZE', '', `Faktura ma ${bytes.byteLength} B, a limit KSeF wynosi ${limit} B.`));
  }
  return { issues, text };
}

// #x7F–#x84, #x86–#x9F, #xFDD0–#xFDEF and U+nFFFE/U+nFFFF in every plane (XML 1.0 "discouraged" characters).
const FORBIDDEN =
  /[\u007F-\u0084\u0086-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/;

/**
 * Every discouraged code point starts with one of these bytes in UTF-8; Polish text uses none of them, so a few native
 * byte searches usually spare the regular expression below (the costliest rule of the layer).
 */
const FORBIDDEN_LEAD_BYTES = [0x7f, 0xc2, 0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4];

function mayHoldForbidden(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return FORBIDDEN_LEAD_BYTES.some((byte) => buffer.includes(byte));
}

function findForbiddenCharacter(text: string): { index: number; codePoint: number } | undefined {
  const match = FORBIDDEN.exec(text);
  if (!match) return undefined;
  return { index: match.index, codePoint: match[0].codePointAt(0)! };
}

function ksef(code: string, path: string, message: string, line?: number, column?: number): ValidationIssue {
  return issue('ksef', 'error', code, path, message, { line, column });
}
