import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSamples } from '../testing/shared-samples';
import { createXsdValidator } from './invoice-validator';
import type { XsdValidator } from './xsd-validator';

const VALID = readFileSync(resolve(__dirname, '../../test-fixtures/invoices/valid-basic.xml'), 'utf8');

describe.each(['libxml2-native', 'libxml2-wasm', 'libxmljs2'] as const)('%s', (kind) => {
  let xsd: XsdValidator;
  beforeAll(async () => {
    xsd = await createXsdValidator(kind);
  });

  it('accepts the hand-written invoice and every filled official sample, as text and as bytes', () => {
    expect(xsd.kind).toBe(kind);
    expect(xsd.validate(VALID)).toEqual([]);
    for (const { xml } of sharedSamples()) {
      expect(xsd.validate(xml)).toEqual([]);
      expect(xsd.validate(Buffer.from(xml))).toEqual([]);
    }
  });

  it('reports schema errors in Polish with a code and the line', () => {
    const xml = VALID.replace('<P_15>2740.55</P_15>', '<P_15>2740.555</P_15>');
    const issues = xsd.validate(xml);
    const line = VALID.split('\n').findIndex((l) => l.includes('<P_15>')) + 1;
    expect(issues).toContainEqual(
      expect.objectContaining({ layer: 'xsd', code: 'XSD_DIGITS', severity: 'error', line }),
    );
    expect(issues[0]?.message).toContain('P_15');
    expect(issues[0]?.message).toMatch(/Wartość '2740\.555'/);
  });

  it('reports malformed XML as XML_MALFORMED with its line', () => {
    const issues = xsd.validate(VALID.replace('</P_2>', '</P_3>'));
    expect(issues).toEqual([
      expect.objectContaining({
        code: 'XML_MALFORMED',
        line: VALID.split('\n').findIndex((l) => l.includes('<P_2>')) + 1,
      }),
    ]);
  });

  it('does not fetch remote schemas named by the document', () => {
    const xml = VALID.replace(
      '<Faktura ',
      '<Faktura xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://crd.gov.pl/wzor/2025/06/25/13775/ http://127.0.0.1:9/none.xsd" ',
    );
    expect(xsd.validate(xml)).toEqual([]);
  });
});

describe('validator agreement', () => {
  it('all three implementations find the same error codes', async () => {
    const validators = await Promise.all(
      (['libxml2-native', 'libxml2-wasm', 'libxmljs2'] as const).map((kind) => createXsdValidator(kind)),
    );
    const broken = [
      VALID.replace('<P_12>5</P_12>', '<P_12>24</P_12>'),
      VALID.replace('<JST>2</JST>', ''),
      VALID.replace('<P_1>2026-01-15</P_1>', '<P_1>2026-02-30</P_1>'),
    ];
    for (const xml of broken) {
      const codes = (v: XsdValidator) => [...new Set(v.validate(xml).map((i) => i.code))].sort();
      const [first, ...others] = validators.map(codes);
      expect(first!.length).toBeGreaterThan(0);
      for (const other of others) expect(other).toEqual(first);
    }
  });
});
