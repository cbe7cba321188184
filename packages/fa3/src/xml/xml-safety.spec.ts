import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInvoiceValidator, createXsdValidator, type InvoiceValidator } from '../validation/invoice-validator';
import type { XsdValidator } from '../validation/xsd-validator';
import { Fa3ParseError } from './fa3-parse.error';
import { parseInvoice } from './invoice-parser';

const VALID = readFileSync(resolve(__dirname, '../../test-fixtures/invoices/valid-basic.xml'), 'utf8');
const BODY = VALID.slice(VALID.indexOf('<Faktura'));

const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Faktura [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
${BODY.replace('<P_2>FV/2026/01/0042</P_2>', '<P_2>&xxe;</P_2>')}`;

const LOL_ENTITIES = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE Faktura [<!ENTITY lol0 "lol">${LOL_ENTITIES}]>
${BODY.replace('<P_2>FV/2026/01/0042</P_2>', '<P_2>&lol9;</P_2>')}`;

function parseError(input: string | Uint8Array, maxBytes?: number): Fa3ParseError {
  try {
    parseInvoice(input, maxBytes === undefined ? {} : { maxBytes });
  } catch (error) {
    if (error instanceof Fa3ParseError) return error;
    throw error;
  }
  throw new Error('parseInvoice accepted the input');
}

describe('parseInvoice safety', () => {
  it('rejects an external entity (XXE) before reading anything', () => {
    const error = parseError(XXE);
    expect(error.code).toBe('XML_DTD_FORBIDDEN');
    expect([error.line, error.column]).toEqual([2, 1]);
  });

  it('rejects billion laughs without expanding entities', () => {
    expect(parseError(BILLION_LAUGHS).code).toBe('XML_DTD_FORBIDDEN');
  });

  it('rejects HTML-style entity references that XML does not define', () => {
    const error = parseError(VALID.replace('Szkolenie BHP', 'Szkolenie&nbsp;BHP'));
    expect(error.code).toBe('XML_ENTITY_FORBIDDEN');
    expect(error.line).toBe(VALID.split('\n').findIndex((l) => l.includes('Szkolenie BHP')) + 1);
  });

  it('enforces the size limit before parsing', () => {
    expect(parseError(VALID, 1000).code).toBe('XML_TOO_LARGE');
  });

  it('reports malformed XML with line and column', () => {
    const broken = VALID.replace('<P_2>FV/2026/01/0042</P_2>', '<P_2>FV/2026/01/0042</P_3>');
    const error = parseError(broken);
    expect(error.code).toBe('XML_MALFORMED');
    expect(error.line).toBe(VALID.split('\n').findIndex((l) => l.includes('<P_2>')) + 1);
    expect(error.column).toBeGreaterThan(1);
    expect(error.message).toMatch(/wiersz \d+, kolumna \d+/);
  });

  it('rejects invalid UTF-8 bytes, a foreign root and a wrong namespace', () => {
    expect(parseError(Buffer.from([0x3c, 0x61, 0xff, 0x3e])).code).toBe('XML_ENCODING');
    expect(parseError('<Invoice xmlns="urn:x"/>').code).toBe('FA3_ROOT');
    expect(parseError(VALID.replace('wzor/2025/06/25/13775/', 'wzor/2023/06/29/12648/')).code).toBe('FA3_NAMESPACE');
  });

  it('reports structural problems with the element path', () => {
    const unknown = parseError(VALID.replace('<JST>2</JST>', '<JST>2</JST><Foo>1</Foo>'));
    expect([unknown.code, unknown.path]).toEqual(['FA3_UNKNOWN_ELEMENT', 'Faktura/Podmiot2/Foo']);
    const missing = parseError(VALID.replace('<P_15>2740.55</P_15>', ''));
    expect([missing.code, missing.path]).toEqual(['FA3_MISSING_ELEMENT', 'Faktura/Fa/P_15']);
    const twice = parseError(VALID.replace('<P_15>2740.55</P_15>', '<P_15>1</P_15><P_15>2</P_15>'));
    expect([twice.code, twice.path]).toEqual(['FA3_DUPLICATE_ELEMENT', 'Faktura/Fa/P_15']);
    // Inside a repeated element the path names which one, counted as the XSD layer counts.
    const lines = VALID.split('<FaWiersz>');
    const second = [lines[0], lines[1], lines[2]!.replace(/<NrWierszaFa>\d+<\/NrWierszaFa>/, ''), ...lines.slice(3)];
    const inLine = parseError(second.join('<FaWiersz>'));
    expect([inLine.code, inLine.path]).toEqual(['FA3_MISSING_ELEMENT', 'Faktura/Fa/FaWiersz[2]/NrWierszaFa']);
  });

  it('accepts a prefixed root in the FA(3) namespace and CDATA content', () => {
    const prefixed = VALID.replace(/<(\/?)(?=[A-Z])/g, '<$1fa:')
      .replace('xmlns="http://crd.gov.pl', 'xmlns:fa="http://crd.gov.pl')
      .replace('<fa:P_7>Szkolenie BHP', '<fa:P_7><![CDATA[Szkolenie & BHP]]>');
    const invoice = parseInvoice(prefixed);
    expect(invoice.Fa.FaWiersz?.[2]?.P_7).toBe('Szkolenie & BHP');
    expect(invoice.Podmiot1.DaneIdentyfikacyjne.NIP).toBe('5265877635');
  });
});

describe.each(['libxml2-native', 'libxml2-wasm', 'libxmljs2'] as const)('%s XSD validator safety', (kind) => {
  let xsd: XsdValidator;
  beforeAll(async () => {
    xsd = await createXsdValidator(kind);
  });

  it('rejects XXE and billion laughs as forbidden DTDs', () => {
    for (const xml of [XXE, BILLION_LAUGHS, Buffer.from(XXE), Buffer.from(BILLION_LAUGHS)]) {
      const issues = xsd.validate(xml);
      expect(issues).toEqual([expect.objectContaining({ code: 'XML_DTD_FORBIDDEN', severity: 'error' })]);
      expect(JSON.stringify(issues)).not.toContain('root:');
    }
  });
});

describe('full validator on hostile input', () => {
  let validator: InvoiceValidator;
  beforeAll(async () => {
    validator = await createInvoiceValidator();
  });

  it('refuses input above its size cap before parsing', async () => {
    const small = await createInvoiceValidator({ maxBytes: 1000 });
    expect(small.validate(VALID).issues).toEqual([
      expect.objectContaining({ code: 'XML_TOO_LARGE', severity: 'error' }),
    ]);
  });

  it('returns errors instead of throwing', () => {
    for (const xml of [XXE, BILLION_LAUGHS, '', 'not xml', '<Faktura/>']) {
      const result = validator.validate(xml);
      expect(result.valid).toBe(false);
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });
});
