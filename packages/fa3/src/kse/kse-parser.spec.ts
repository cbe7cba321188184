import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kseDocumentArbitrary } from './testing/kse-arbitraries';
import { type KseIssue } from './kse-document';
import { parseKseText } from './kse-parser';
import { writeKseText } from './kse-writer';
import { VAT_INVOICE_CP852 } from './testing/kse-samples';

/** The sample as KSE lines (no trailing empty element), for editing single lines. */
function sampleLines(): string[] {
  return writeKseText(VAT_INVOICE_CP852).split('\r\n').slice(0, -1);
}

function issuesOf(lines: string[]): KseIssue[] {
  const result = parseKseText(lines.map((line) => `${line}\r\n`).join(''));
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.issues;
}

describe('KSE parser', () => {
  it('reads back what the writer wrote (header, 50-line blocks, CRLF)', () => {
    fc.assert(
      fc.property(kseDocumentArbitrary, (document) => {
        const text = writeKseText(document);
        expect(text.split('\r\n')).toHaveLength(26 + 50 * document.items.length + 1);
        const parsed = parseKseText(text);
        expect(parsed).toEqual({ ok: true, document });
      }),
      { numRuns: 200 },
    );
  });

  it('reads the sample with every field in its place', () => {
    const parsed = parseKseText(writeKseText(VAT_INVOICE_CP852));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.document.header).toEqual(VAT_INVOICE_CP852.header);
    expect(parsed.document.items.map((item) => item.firstLine)).toEqual([27, 77, 127, 177]);
    expect(parsed.document.items[1]).toMatchObject({
      name: 'Usługa strojenia gęśli - dojazd',
      quantity: '2.5',
      vatRate: '23',
    });
  });

  it('accepts LF-only files (copied through Unix tools) but not mixed line ends', () => {
    const text = writeKseText(VAT_INVOICE_CP852);
    expect(parseKseText(text.replaceAll('\r\n', '\n')).ok).toBe(true);
    const mixed = text.replace('\r\n', '\n');
    const result = parseKseText(mixed);
    expect(result.ok ? [] : result.issues.map((issue) => issue.code)).toEqual(['KSE_LINE_ENDINGS']);
  });

  it('names the line where an item block is cut short', () => {
    const lines = sampleLines().slice(0, -13);
    expect(issuesOf(lines)).toEqual([
      { line: 177, code: 'KSE_BLOCK_LENGTH', message: 'Wiersz 177: blok pozycji nr 4 ma 37 wierszy zamiast 50' },
    ]);
  });

  it('names the line of a bad date, a bad number and an unknown VAT rate, all at once', () => {
    const lines = sampleLines();
    lines[8] = '2026.02.30';
    lines[21] = '1 493,44';
    lines[26 + 50 + 10] = '22%';
    lines[26 + 6] = 'dwanaście';
    const issues = issuesOf(lines);
    expect(issues.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 9, code: 'KSE_BAD_DATE' },
      { line: 22, code: 'KSE_BAD_NUMBER' },
      { line: 33, code: 'KSE_BAD_NUMBER' },
      { line: 87, code: 'KSE_BAD_VAT_RATE' },
    ]);
    expect(issues[0]!.message).toBe(
      'Wiersz 9: nieprawidłowa data „data wystawienia”: „2026.02.30” (oczekiwano RRRR.MM.DD)',
    );
    expect(issues[1]!.message).toContain('„1 493,44”');
    expect(issues[3]!.message).toContain('nieznana stawka VAT „22%”');
  });

  it('rejects a date in another format, a non-boolean correction flag and a NIP that is not ten digits', () => {
    const lines = sampleLines();
    lines[18] = '29-01-2026';
    lines[6] = 'TAK';
    lines[5] = '526-587-76';
    expect(issuesOf(lines).map(({ line, code }) => `${line}:${code}`)).toEqual([
      '6:KSE_BAD_NUMBER',
      '7:KSE_BAD_BOOLEAN',
      '19:KSE_BAD_DATE',
    ]);
  });

  it('requires the issue date, the number, the seller and the item name', () => {
    const lines = sampleLines();
    lines[0] = '';
    lines[8] = '';
    lines[9] = '   ';
    lines[26 + 3] = '';
    expect(issuesOf(lines).map(({ line, code }) => `${line}:${code}`)).toEqual([
      '1:KSE_REQUIRED',
      '9:KSE_REQUIRED',
      '10:KSE_REQUIRED',
      '30:KSE_REQUIRED',
    ]);
  });

  it('checks the repeated PKWiU of a block against the first one', () => {
    const lines = sampleLines();
    lines[26 + 39] = '10.71.12.0';
    expect(issuesOf(lines)).toEqual([
      {
        line: 66,
        code: 'KSE_PKWIU_MISMATCH',
        message: 'Wiersz 66: PKWiU/CN „10.71.12.0” różni się od podanego w wierszu 31 („10.71.11.0”)',
      },
    ]);
  });

  it('rejects a file shorter than the header and a header without items', () => {
    expect(issuesOf(sampleLines().slice(0, 20)).map((issue) => issue.code)).toEqual(['KSE_TOO_SHORT']);
    expect(issuesOf(sampleLines().slice(0, 26))).toEqual([
      { line: 27, code: 'KSE_NO_ITEMS', message: 'Wiersz 27: brak pozycji faktury (blok 50 wierszy od wiersza 27)' },
    ]);
  });
});
