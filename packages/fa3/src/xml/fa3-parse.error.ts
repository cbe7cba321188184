export type Fa3ParseErrorCode =
  | 'XML_TOO_LARGE'
  | 'XML_ENCODING'
  | 'XML_DTD_FORBIDDEN'
  | 'XML_ENTITY_FORBIDDEN'
  | 'XML_MALFORMED'
  | 'FA3_ROOT'
  | 'FA3_NAMESPACE'
  | 'FA3_MISSING_ELEMENT'
  | 'FA3_UNKNOWN_ELEMENT'
  | 'FA3_DUPLICATE_ELEMENT'
  | 'FA3_UNEXPECTED_CONTENT';

/** Raised by `parseInvoice`; `message` is Polish, `line`/`column` are 1-based when the position is known. */
export class Fa3ParseError extends Error {
  constructor(
    readonly code: Fa3ParseErrorCode,
    message: string,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (wiersz ${line}, kolumna ${column ?? 1})`);
    this.name = 'Fa3ParseError';
  }
}

/** 1-based line and column of a string offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
