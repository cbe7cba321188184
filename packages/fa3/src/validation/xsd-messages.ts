import { issue, type ValidationIssue } from './validation-issue';

interface Rule {
  code: string;
  test: RegExp;
  message: (element: string, value: string, expected: string) => string;
}

// libxml2 reports in English with a stable wording; these rules turn the common cases into Polish messages.
const RULES: Rule[] = [
  {
    code: 'XSD_UNEXPECTED_ELEMENT',
    test: /This element is not expected/,
    message: (e, _v, x) => `Element ${e} jest w tym miejscu niedozwolony${x ? `; oczekiwano: ${x}` : ''}.`,
  },
  {
    code: 'XSD_MISSING_ELEMENT',
    test: /Missing child element/,
    message: (e, _v, x) => `W elemencie ${e} brakuje wymaganego elementu${x ? `: ${x}` : ''}.`,
  },
  {
    code: 'XSD_ENUMERATION',
    test: /\[facet 'enumeration'\]/,
    message: (e, v) => `Wartość '${v}' elementu ${e} nie należy do listy dozwolonych wartości.`,
  },
  {
    code: 'XSD_DIGITS',
    test: /\[facet '(fractionDigits|totalDigits)'\]/,
    message: (e, v) => `Wartość '${v}' elementu ${e} ma za dużo cyfr (kwoty: najwyżej 2 miejsca po przecinku).`,
  },
  {
    code: 'XSD_LENGTH',
    test: /\[facet '(minLength|maxLength|length)'\]/,
    message: (e, v) => `Wartość '${v}' elementu ${e} ma niedozwoloną długość.`,
  },
  {
    code: 'XSD_RANGE',
    test: /\[facet '(minInclusive|maxInclusive|minExclusive|maxExclusive)'\]/,
    message: (e, v) => `Wartość '${v}' elementu ${e} jest poza dozwolonym zakresem.`,
  },
  {
    code: 'XSD_PATTERN',
    test: /\[facet 'pattern'\]/,
    message: (e, v) => `Wartość '${v}' elementu ${e} ma niepoprawny format.`,
  },
  {
    code: 'XSD_TYPE',
    test: /is not a valid value of the/,
    message: (e, v) => `Wartość '${v}' elementu ${e} ma niepoprawny typ (np. data, liczba).`,
  },
  {
    code: 'XSD_ATTRIBUTE',
    test: /attribute .* (is required but missing|is not allowed)|fixed value constraint/,
    message: (e) => `Niepoprawne atrybuty elementu ${e}.`,
  },
  {
    code: 'XSD_TEXT_NOT_ALLOWED',
    test: /Character content other than whitespace is not allowed/,
    message: (e) => `Element ${e} nie może zawierać tekstu.`,
  },
  {
    code: 'XSD_ROOT',
    test: /No matching global declaration available/,
    message: () => 'Dokument nie jest fakturą FA(3): nieznany element główny lub przestrzeń nazw.',
  },
];

const ELEMENT = /^Element '(?:\{[^}]*\})?([^']+)'/;
const VALUE = /value '([^']*)'|: '([^']*)' is not a valid value/;
const EXPECTED = /Expected is (?:one of )?\( ([^)]*) \)/;

/** Maps one libxml2 schema-validity message to a Polish issue. */
export function xsdIssue(rawMessage: string, path: string, line?: number, column?: number): ValidationIssue {
  const raw = rawMessage.trim();
  const element = ELEMENT.exec(raw)?.[1] ?? (path.split('/').pop() || 'dokumentu');
  const valueMatch = VALUE.exec(raw);
  const value = valueMatch?.[1] ?? valueMatch?.[2] ?? '';
  const expected = (EXPECTED.exec(raw)?.[1] ?? '').replace(/\{[^}]*\}/g, '');
  const rule = RULES.find((r) => r.test.test(raw));
  const position = { line: line || undefined, column: column || undefined };
  const message = rule ? rule.message(element, value, expected) : `Dokument niezgodny ze schematem FA(3) (${element}).`;
  const result = issue('xsd', 'error', rule?.code ?? 'XSD_INVALID', path, message, position);
  result.detail = raw;
  return result;
}

/** Malformed XML found while parsing for schema validation. */
export function xmlSyntaxIssue(
  rawMessage: string,
  line?: number,
  column?: number,
  code = 'XML_MALFORMED',
): ValidationIssue {
  const where = line ? ` (wiersz ${line}${column ? `, kolumna ${column}` : ''})` : '';
  const message = code === 'XML_MALFORMED' ? `Dokument nie jest poprawnym XML${where}.` : rawMessage;
  const result = issue('xsd', 'error', code, '', message, {
    line: line || undefined,
    column: column || undefined,
  });
  result.detail = rawMessage.trim();
  return result;
}
