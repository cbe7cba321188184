import fc from 'fast-check';
import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInvoiceValidator, type InvoiceValidator } from '../validation';
import { buildInvoice, parseInvoice } from '../xml';
import { KSE_ENCODINGS } from './kse-encoding';
import { importKse } from './kse-import';
import { writeKseBytes } from './kse-writer';
import { kseDocumentArbitrary } from './testing/kse-arbitraries';

const NOW = new Date('2027-01-01T00:00:00Z');

let validator: InvoiceValidator;
beforeAll(async () => {
  validator = await createInvoiceValidator();
});

describe('KSE -> FA(3) (property)', () => {
  it('any well-formed KSE file in either code page becomes a valid FA(3) that keeps its data', () => {
    fc.assert(
      fc.property(kseDocumentArbitrary, fc.constantFrom(...KSE_ENCODINGS), (document, encoding) => {
        const result = importKse(writeKseBytes(document, encoding), {
          createdAt: NOW,
          exemptionBasis: 'art. 43 ust. 1 pkt 18 ustawy o VAT',
        });
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const { invoice } = result;
        const xml = buildInvoice(invoice);
        const validation = validator.validate(xml, { now: NOW });
        expect(validation.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
        // What the legacy system wrote is what FA(3) says.
        const header = document.header;
        expect(invoice.Fa.P_2).toBe(header.invoiceNumber);
        expect(invoice.Fa.P_1).toBe(header.issueDate);
        expect(invoice.Fa.RodzajFaktury).toBe(header.isCorrection ? 'KOR' : 'VAT');
        expect(invoice.Podmiot1.DaneIdentyfikacyjne).toEqual({ NIP: header.sellerNip, Nazwa: header.sellerName });
        expect(invoice.Fa.P_15).toBe(new Decimal(header.grossTotal).toFixed(2));
        expect(invoice.Fa.FaWiersz?.map((line) => line.P_7)).toEqual(document.items.map((item) => item.name));
        const net = (invoice.Fa.FaWiersz ?? []).reduce((sum, line) => sum.plus(line.P_11 ?? 0), new Decimal(0));
        const perRate = ['P_13_1', 'P_13_2', 'P_13_3', 'P_13_6_1', 'P_13_7'] as const;
        const summed = perRate.reduce((sum, key) => sum.plus(invoice.Fa[key] ?? 0), new Decimal(0));
        expect(summed.equals(net)).toBe(true);
        // And it survives the XML round trip unchanged.
        expect(parseInvoice(xml)).toEqual(invoice);
      }),
      { numRuns: 60 },
    );
  });
});
