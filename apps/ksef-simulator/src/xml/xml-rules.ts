/**
 * KSeF's file rules applied before schema validation (SPEC-NOTES §8.6): UTF-8 without BOM, a prolog (if any)
 * declaring UTF-8, no processing instructions, no discouraged code points. Returns Polish messages.
 */
export function checkXmlFileRules(bytes: Buffer): string[] {
  const errors: string[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    errors.push('Plik zawiera znacznik BOM; wymagane UTF-8 bez BOM.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return [...errors, 'Plik nie jest poprawnie zakodowany w UTF-8.'];
  }
  const prolog = /^\uFEFF?<\?xml\s[^?]*\?>/.exec(text);
  if (prolog) {
    const encoding = /encoding\s*=\s*["']([^"']+)["']/i.exec(prolog[0]);
    if (encoding && encoding[1]!.toUpperCase() !== 'UTF-8')
      errors.push(`Deklarowane kodowanie ${encoding[1]} zamiast UTF-8.`);
  }
  const rest = prolog ? text.slice(prolog.index + prolog[0].length) : text;
  if (/<\?/.test(rest)) errors.push('Dokument zawiera instrukcje przetwarzania, które są niedozwolone.');
  if (/[\u007F-\u0084\u0086-\u009F\uFDD0-\uFDEF]/.test(text)) errors.push('Dokument zawiera niedozwolone znaki.');
  return errors;
}
