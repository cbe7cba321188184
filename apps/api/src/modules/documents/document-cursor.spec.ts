import { describe, expect, it } from 'vitest';
import { decodeDocumentCursor, encodeDocumentCursor } from './document-cursor';
import { DOCUMENT_SORTS } from './dto/list-documents.dto';

const ID = '0b6f8a8e-3c1d-4e2f-9a4b-5c6d7e8f9a0b';
const KEYS = { issueDate: '2026-02-28', number: 'FV/2026/02/ąę 1', grossTotal: '-1200.50' } as const;

function keyFor(sort: (typeof DOCUMENT_SORTS)[number]): string {
  return KEYS[sort.replace('-', '') as keyof typeof KEYS];
}

function forge(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('document list cursor', () => {
  it('round-trips the last row of every sort and is URL-safe', () => {
    for (const sort of DOCUMENT_SORTS) {
      const cursor = { sort, key: keyFor(sort), id: ID };
      const text = encodeDocumentCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeDocumentCursor(text, sort)).toEqual(cursor);
    }
  });

  it('carries the longest invoice number there can be', () => {
    const cursor = { sort: '-number' as const, key: '𝔉'.repeat(256), id: ID };
    expect(decodeDocumentCursor(encodeDocumentCursor(cursor), '-number')).toEqual(cursor);
  });

  it('refuses a cursor made for another sort', () => {
    const text = encodeDocumentCursor({ sort: '-issueDate', key: '2026-01-01', id: ID });
    expect(decodeDocumentCursor(text, 'issueDate')).toBe('otherSort');
    expect(decodeDocumentCursor(text, '-number')).toBe('otherSort');
  });

  it('refuses anything that is not a cursor of ours, before it reaches SQL', () => {
    const bad = [
      '',
      'not base64!',
      'a'.repeat(2049),
      forge('x'),
      forge(null),
      forge({ v: 2, s: '-issueDate', k: '2026-01-01', i: ID }),
      forge({ v: 1, s: 'amount', k: '1', i: ID }),
      forge({ v: 1, s: '-issueDate', k: '2026-02-30', i: ID }),
      forge({ v: 1, s: '-issueDate', k: '2026-1-1', i: ID }),
      forge({ v: 1, s: '-grossTotal', k: '1e9', i: ID }),
      forge({ v: 1, s: '-grossTotal', k: '1.234', i: ID }),
      forge({ v: 1, s: 'number', k: '', i: ID }),
      forge({ v: 1, s: 'number', k: 'x'.repeat(257), i: ID }),
      forge({ v: 1, s: 'number', k: 'FV/1', i: 'not-a-uuid' }),
      forge({ v: 1, s: 'number', k: 1, i: ID }),
    ];
    for (const text of bad) expect(decodeDocumentCursor(text, '-issueDate'), text).toBe('malformed');
  });
});
