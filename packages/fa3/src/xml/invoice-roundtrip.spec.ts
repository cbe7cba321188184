import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryFor, invoiceArbitrary } from '../testing/invoice-arbitrary';
import { lineNode } from '../model/fa-line.model';
import { buildInvoice } from './invoice-builder';
import { parseInvoice } from './invoice-parser';

describe('FA(3) model <-> XML', () => {
  it('parse(build(x)) equals x for generated invoices', () => {
    fc.assert(
      fc.property(invoiceArbitrary, (invoice) => {
        expect(parseInvoice(buildInvoice(invoice))).toEqual(invoice);
      }),
      { numRuns: 150 },
    );
  });

  it('build is deterministic and canonical: build(parse(build(x))) is byte-identical', () => {
    fc.assert(
      fc.property(invoiceArbitrary, (invoice) => {
        const xml = buildInvoice(invoice);
        expect(buildInvoice(parseInvoice(xml))).toBe(xml);
        expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Faktura ')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('generators reach the deep parts of the model (lines are generated)', () => {
    const sample = fc.sample(arbitraryFor(lineNode), 5);
    expect(sample.every((line) => typeof (line as { NrWierszaFa: unknown }).NrWierszaFa === 'string')).toBe(true);
  });
});
