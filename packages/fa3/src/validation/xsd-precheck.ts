import { Fa3ParseError } from '../xml/fa3-parse.error';
import { assertNoDtd, assertNoDtdInBytes } from '../xml/xml-guard';
import { type ValidationIssue } from './validation-issue';
import { xmlSyntaxIssue } from './xsd-messages';

/**
 * The check every libxml2-backed validator runs before libxml2 sees the document: DTDs and entity declarations are
 * refused outright (XXE, entity bombs), so the parser's own defences are only the second line.
 */
export function dtdIssue(xml: string | Uint8Array): ValidationIssue | undefined {
  try {
    if (typeof xml === 'string') assertNoDtd(xml);
    else assertNoDtdInBytes(xml);
    return undefined;
  } catch (error) {
    if (error instanceof Fa3ParseError) return xmlSyntaxIssue(error.message, error.line, error.column, error.code);
    throw error;
  }
}
