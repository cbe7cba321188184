import { beforeAll, describe, expect, it } from 'vitest';
import { sharedSamples } from '../testing/shared-samples';
import { createInvoiceValidator, type InvoiceValidator } from '../validation/invoice-validator';
import { buildInvoice } from './invoice-builder';
import { parseInvoice } from './invoice-parser';

const samples = sharedSamples();
let validator: InvoiceValidator;

beforeAll(async () => {
  validator = await createInvoiceValidator();
});

describe('official FA(3) samples', () => {
  it('there are samples to check', () => {
    expect(samples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(samples)('$name validates as published (filled)', ({ xml }) => {
    const errors = validator.validate(xml).issues.filter((i) => i.severity === 'error');
    expect(errors).toEqual([]);
  });

  it.each(samples)('build(parse($name)) validates and parses back to the same model', ({ xml }) => {
    const invoice = parseInvoice(xml);
    const rebuilt = buildInvoice(invoice);
    const result = validator.validate(rebuilt);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
    expect(parseInvoice(rebuilt)).toEqual(invoice);
    expect(buildInvoice(parseInvoice(rebuilt))).toBe(rebuilt);
  });
});
