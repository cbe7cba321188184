import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { VAT_RATES } from '../model/common.model';
import { createInvoiceValidator, type InvoiceValidator } from '../validation/invoice-validator';
import { buildInvoice } from '../xml/invoice-builder';
import { invoiceFromJson } from './invoice-from-json';
import { InvoiceInputError } from './invoice-input.error';
import type { InvoiceInputJson } from './invoice-input.schema';
import { INVOICE_INPUT_JSON_SCHEMA_FILE, invoiceInputJsonSchemaText } from './json-schema';

const NOW = new Date('2026-02-01T10:00:00Z');

function input(overrides: Partial<InvoiceInputJson> = {}): InvoiceInputJson {
  return {
    number: 'PAR/2026/001',
    issueDate: '2026-01-20',
    seller: {
      nip: '5265877635',
      name: 'Sklep „Pod Jaworem” s.c.',
      address: { line1: 'ul. Długa 1', line2: '30-001 Kraków' },
    },
    buyer: { nip: '3861610227', name: 'Nabywca Sp. z o.o.' },
    lines: [{ name: 'Chleb żytni', unit: 'szt.', quantity: '2', unitPrice: '4.99', vatRate: '5' }],
    ...overrides,
  };
}

function errorOf(value: unknown): InvoiceInputError {
  try {
    invoiceFromJson(value);
  } catch (error) {
    if (error instanceof InvoiceInputError) return error;
    throw error;
  }
  throw new Error('input was accepted');
}

let validator: InvoiceValidator;
beforeAll(async () => {
  validator = await createInvoiceValidator();
});

describe('invoiceFromJson', () => {
  it('computes VAT once per rate on the total (not per line), rounding half a grosz up', () => {
    const invoice = invoiceFromJson(
      input({
        lines: [
          { name: 'A', quantity: '1', unitPrice: '0.10', vatRate: '23' },
          { name: 'B', quantity: '1', unitPrice: '0.10', vatRate: '23' },
          { name: 'C', quantity: '1', unitPrice: '0.10', vatRate: '23' },
          { name: 'D', quantity: '1', unitPrice: '0.50', vatRate: '5' },
        ],
      }),
      { now: NOW },
    );
    // Per line 0.023 -> 0.02 three times would give 0.06; on the total 0.069 -> 0.07.
    expect([invoice.Fa.P_13_1, invoice.Fa.P_14_1]).toEqual(['0.30', '0.07']);
    expect([invoice.Fa.P_13_3, invoice.Fa.P_14_3]).toEqual(['0.50', '0.03']); // 0.025 -> 0.03
    expect(invoice.Fa.P_15).toBe('0.90');
  });

  it('rounds negative half-grosz amounts away from zero in corrections', () => {
    const invoice = invoiceFromJson(
      input({
        kind: 'KOR',
        correction: { reason: 'Zwrot', corrected: [{ number: 'PAR/2026/000', issueDate: '2026-01-10' }] },
        lines: [{ name: 'Zwrot', quantity: '-1', unitPrice: '0.50', vatRate: '5' }],
      }),
    );
    expect([invoice.Fa.P_13_3, invoice.Fa.P_14_3, invoice.Fa.P_15]).toEqual(['-0.50', '-0.03', '-0.53']);
    expect(invoice.Fa.DaneFaKorygowanej).toEqual([
      { DataWystFaKorygowanej: '2026-01-10', NrFaKorygowanej: 'PAR/2026/000', NrKSeFN: '1' },
    ]);
  });

  it('derives net from gross prices per rate (art. 106e ust. 7)', () => {
    const invoice = invoiceFromJson(
      input({
        pricing: 'gross',
        lines: [
          { name: 'Kawa', quantity: '1', unitPrice: '123.00', vatRate: '23' },
          { name: 'Ciastko', quantity: '1', unitPrice: '10.00', vatRate: '8' },
        ],
      }),
    );
    expect([invoice.Fa.P_13_1, invoice.Fa.P_14_1]).toEqual(['100.00', '23.00']);
    expect([invoice.Fa.P_13_2, invoice.Fa.P_14_2]).toEqual(['9.26', '0.74']); // 10 × 8/108 = 0.7407
    expect(invoice.Fa.P_15).toBe('133.00');
    expect(invoice.Fa.FaWiersz?.[0]).toMatchObject({ P_9B: '123.00', P_11A: '123.00', P_12: '23' });
  });

  it('maps a consumer, exemption, payment and foreign currency', () => {
    const invoice = invoiceFromJson(
      input({
        buyer: {},
        currency: 'EUR',
        exchangeRate: '4.2512',
        exemptionBasis: 'art. 43 ust. 1 pkt 19 ustawy',
        lines: [
          { name: 'Usługa medyczna', quantity: '1', unitPrice: '100', vatRate: 'zw' },
          { name: 'Lek', quantity: '3', unitPrice: 2.5, vatRate: '8' },
        ],
        payment: { form: 'card', paidOn: '2026-01-20', bankAccounts: [{ number: '61 1090 1014 0000 0712 1981 2874' }] },
      }),
    );
    expect(invoice.Podmiot2.DaneIdentyfikacyjne).toEqual({ BrakID: '1' });
    expect(invoice.Fa.Adnotacje.Zwolnienie).toEqual({ P_19: '1', P_19A: 'art. 43 ust. 1 pkt 19 ustawy' });
    expect([invoice.Fa.P_13_7, invoice.Fa.P_13_2, invoice.Fa.P_14_2, invoice.Fa.P_14_2W]).toEqual([
      '100.00',
      '7.50',
      '0.60',
      '2.55',
    ]);
    expect(invoice.Fa.Platnosc).toMatchObject({ Zaplacono: '1', FormaPlatnosci: '2' });
    expect(invoice.Fa.Platnosc?.RachunekBankowy?.[0]?.NrRB).toBe('61109010140000071219812874');
    expect(validator.validate(buildInvoice(invoice), { now: NOW }).issues).toEqual([]);
  });

  it('rejects bad input with JSON paths and Polish messages', () => {
    const error = errorOf(
      input({ lines: [{ name: 'X', quantity: '1', unitPrice: '1.234567891', vatRate: '24' as '23' }] }),
    );
    expect(error.issues.map((i) => i.path).sort()).toEqual(['lines[0].unitPrice', 'lines[0].vatRate']);
    expect(error.issues.find((i) => i.path === 'lines[0].vatRate')?.message).toMatch(/Stawka VAT/);
    expect(errorOf(input({ lines: [{ name: 'X', quantity: '1', unitPrice: '1', vatRate: 'zw' }] })).issues).toEqual([
      expect.objectContaining({ path: 'exemptionBasis' }),
    ]);
    expect(errorOf(input({ kind: 'KOR' })).issues).toEqual([expect.objectContaining({ path: 'correction' })]);
    expect(errorOf({}).issues.map((i) => i.path)).toEqual(expect.arrayContaining(['number', 'seller', 'lines']));
    expect(errorOf({ ...input(), issueDate: '20.01.2026' }).issues[0]?.message).toBe(
      'Oczekiwano daty w formacie RRRR-MM-DD.',
    );
  });

  it('every generated POS input gives an invoice that passes all three layers without warnings', () => {
    const amount = fc.integer({ min: 1, max: 99_999_999 }).map((n) => (n / 100).toFixed(2));
    const quantity = fc.integer({ min: 1, max: 100_000 }).map((n) => (n / 1000).toString());
    const rate = fc.constantFrom(...VAT_RATES);
    const line = fc.record({
      name: fc.constantFrom('Śruba', 'Usługa', 'Łopata'),
      quantity,
      unitPrice: amount,
      vatRate: rate,
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('net' as const, 'gross' as const),
        (lines, pricing) => {
          const invoice = invoiceFromJson(input({ lines, pricing, exemptionBasis: 'art. 43 ustawy' }), { now: NOW });
          const result = validator.validate(buildInvoice(invoice), { now: NOW });
          expect(result.issues).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('README example', () => {
  it('the JSON example in packages/fa3/README.md builds a valid invoice', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf('```json') + '```json'.length;
    const example: unknown = JSON.parse(readme.slice(start, readme.indexOf('```', start)));
    const result = validator.validate(buildInvoice(invoiceFromJson(example, { now: NOW })), { now: NOW });
    expect(result.issues).toEqual([]);
  });
});

describe('published JSON Schema', () => {
  it('schemas/invoice-input.schema.json is up to date (regenerate: npx tsx packages/fa3/src/json/json-schema.ts)', () => {
    expect(JSON.parse(readFileSync(INVOICE_INPUT_JSON_SCHEMA_FILE, 'utf8'))).toEqual(
      JSON.parse(invoiceInputJsonSchemaText()),
    );
  });
});
