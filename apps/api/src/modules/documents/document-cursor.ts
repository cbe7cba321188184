import type { DocumentSort } from './dto/list-documents.dto';

/** Where a page of the document list ended: the sort key and id of its last row, for the sort it was made with. */
export interface DocumentCursor {
  sort: DocumentSort;
  /** The last row's value of the sort column, as text (date `YYYY-MM-DD`, number, decimal amount). */
  key: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_FORMATS: Record<DocumentSort, RegExp> = {
  issueDate: /^\d{4}-\d{2}-\d{2}$/,
  '-issueDate': /^\d{4}-\d{2}-\d{2}$/,
  number: /^[\s\S]{1,256}$/u,
  '-number': /^[\s\S]{1,256}$/u,
  grossTotal: /^-?\d{1,16}(\.\d{1,2})?$/,
  '-grossTotal': /^-?\d{1,16}(\.\d{1,2})?$/,
};

/** Opaque to clients (base64url of a small versioned JSON): they pass back what `nextCursor` gave them. */
export function encodeDocumentCursor(cursor: DocumentCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, s: cursor.sort, k: cursor.key, i: cursor.id })).toString('base64url');
}

export type CursorProblem = 'malformed' | 'otherSort';

/** The cursor, or why it cannot continue a list sorted by `sort`. */
export function decodeDocumentCursor(text: string, sort: DocumentSort): DocumentCursor | CursorProblem {
  // A 256-character number of 4-byte characters encodes to about 1,500 characters.
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(text)) return 'malformed';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  if (typeof parsed !== 'object' || parsed === null) return 'malformed';
  const { v, s, k, i } = parsed as Record<string, unknown>;
  if (v !== 1 || typeof s !== 'string' || typeof k !== 'string' || typeof i !== 'string') return 'malformed';
  if (!(s in KEY_FORMATS)) return 'malformed';
  const cursorSort = s as DocumentSort;
  if (!KEY_FORMATS[cursorSort].test(k) || !UUID.test(i)) return 'malformed';
  if (cursorSort === 'issueDate' || cursorSort === '-issueDate') {
    const date = new Date(`${k}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || !date.toISOString().startsWith(k)) return 'malformed';
  }
  if (cursorSort !== sort) return 'otherSort';
  return { sort: cursorSort, key: k, id: i };
}

export const CURSOR_MESSAGES: Record<CursorProblem, string> = {
  malformed: 'Nieprawidłowy kursor strony: użyj wartości nextCursor z poprzedniej odpowiedzi.',
  otherSort: 'Kursor strony pochodzi z listy o innym sortowaniu: zacznij od pierwszej strony.',
};
