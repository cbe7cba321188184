import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../model/invoice.model';
import { parseInvoice } from '../xml/invoice-parser';
import { checkBusinessRules } from './business-rules';
import { checkKsefDocumentRules } from './ksef-document-rules';
import { checkKsefInvoiceRules } from './ksef-invoice-rules';

const BASE = parseInvoice(readFileSync(resolve(__dirname, '../../test-fixtures/invoices/valid-basic.xml')));

function variant(change: (invoice: Invoice) => void): Invoice {
  const invoice = structuredClone(BASE);
  change(invoice);
  return invoice;
}

const codes = (invoice: Invoice) => checkBusinessRules(invoice).map((i) => `${i.code} ${i.path}`);

describe('business rules (layer c)', () => {
  it('the base invoice is consistent', () => {
    expect(checkBusinessRules(BASE)).toEqual([]);
  });

  it('a correction nets "before" lines (StanPrzed) against "after" lines', () => {
    const invoice = variant((i) => {
      i.Fa.RodzajFaktury = 'KOR';
      i.Fa.PrzyczynaKorekty = 'Zmiana ceny';
      i.Fa.DaneFaKorygowanej = [{ DataWystFaKorygowanej: '2026-01-10', NrFaKorygowanej: 'FV/1', NrKSeFN: '1' }];
      const line = i.Fa.FaWiersz![0]!;
      i.Fa.FaWiersz = [
        { ...line, NrWierszaFa: '1', StanPrzed: '1' },
        { ...line, NrWierszaFa: '2', P_9A: '140.00', P_11: '1400.00' },
      ];
      Object.assign(i.Fa, { P_13_1: '-100.00', P_14_1: '-23.00', P_15: '-123.00' });
      for (const key of ['P_13_3', 'P_14_3', 'P_13_7'] as const) delete i.Fa[key];
    });
    expect(checkBusinessRules(invoice)).toEqual([]);
  });

  it('gross-priced lines (P_11A only) are converted per rate before comparing with P_13_x', () => {
    const invoice = variant((i) => {
      i.Fa.FaWiersz = [{ NrWierszaFa: '1', P_7: 'Kawa', P_8B: '1', P_9B: '123.00', P_11A: '123.00', P_12: '23' }];
      Object.assign(i.Fa, { P_13_1: '100.00', P_14_1: '23.00', P_15: '123.00' });
      for (const key of ['P_13_3', 'P_14_3', 'P_13_7'] as const) delete i.Fa[key];
    });
    expect(checkBusinessRules(invoice)).toEqual([]);
    const wrong = structuredClone(invoice);
    wrong.Fa.P_13_1 = '123.00';
    expect(codes(wrong)).toContain('BIZ_NET_SUM_MISMATCH Faktura/Fa/P_13_1');
  });

  it.each([
    [
      'a P_13 field without matching lines',
      (i: Invoice) => Object.assign(i.Fa, { P_13_2: '10.00', P_14_2: '0.80' }),
      'BIZ_NET_SUM_MISMATCH Faktura/Fa/P_13_2',
    ],
    [
      'duplicated line numbers',
      (i: Invoice) => (i.Fa.FaWiersz![1]!.NrWierszaFa = '1'),
      'BIZ_LINE_NUMBER_DUPLICATE Faktura/Fa/FaWiersz[2]/NrWierszaFa',
    ],
    [
      'corrected-invoice data on a VAT invoice',
      (i: Invoice) =>
        (i.Fa.DaneFaKorygowanej = [{ DataWystFaKorygowanej: '2026-01-10', NrFaKorygowanej: 'X', NrKSeFN: '1' }]),
      'BIZ_CORRECTION_REFERENCE_UNEXPECTED Faktura/Fa/DaneFaKorygowanej',
    ],
    [
      'a correction without a reason',
      (i: Invoice) => {
        i.Fa.RodzajFaktury = 'KOR';
        i.Fa.DaneFaKorygowanej = [{ DataWystFaKorygowanej: '2026-01-10', NrFaKorygowanej: 'X', NrKSeFN: '1' }];
      },
      'BIZ_CORRECTION_REASON_MISSING Faktura/Fa/PrzyczynaKorekty',
    ],
    [
      'a corrected invoice dated after the correction',
      (i: Invoice) => {
        i.Fa.RodzajFaktury = 'KOR';
        i.Fa.PrzyczynaKorekty = 'x';
        i.Fa.DaneFaKorygowanej = [{ DataWystFaKorygowanej: '2026-01-20', NrFaKorygowanej: 'X', NrKSeFN: '1' }];
      },
      'BIZ_DATE_ORDER Faktura/Fa/DaneFaKorygowanej/DataWystFaKorygowanej',
    ],
    [
      'a settlement invoice without advance invoices',
      (i: Invoice) => (i.Fa.RodzajFaktury = 'ROZ'),
      'BIZ_ADVANCE_REFERENCE_MISSING Faktura/Fa/FakturaZaliczkowa',
    ],
    [
      'a period ending before it starts',
      (i: Invoice) => {
        delete i.Fa.P_6;
        i.Fa.OkresFa = { P_6_Od: '2026-01-31', P_6_Do: '2026-01-01' };
      },
      'BIZ_DATE_ORDER Faktura/Fa/OkresFa/P_6_Do',
    ],
    [
      'an invoice issued over 60 days before delivery',
      (i: Invoice) => (i.Fa.P_6 = '2026-04-01'),
      'BIZ_ISSUED_TOO_EARLY Faktura/Fa/P_1',
    ],
  ])('warns about %s', (_name, change, expected) => {
    const issues = checkBusinessRules(variant(change));
    expect(issues.map((i) => `${i.code} ${i.path}`)).toContain(expected);
    expect(issues.every((i) => i.severity === 'warning' && i.layer === 'business')).toBe(true);
  });
});

describe('KSeF rules (layer b)', () => {
  it('NIP checksum failures are errors on PRD and warnings elsewhere, for every party', () => {
    const invoice = variant((i) => {
      i.Podmiot1.DaneIdentyfikacyjne.NIP = '5265877636';
      i.Fa.Podmiot1K = { DaneIdentyfikacyjne: { NIP: '1234567890', Nazwa: 'A' }, Adres: i.Podmiot1.Adres };
    });
    const prd = checkKsefInvoiceRules(invoice, { now: new Date('2026-02-01') });
    expect(prd.map((i) => `${i.severity} ${i.path}`)).toEqual([
      'error Faktura/Podmiot1/DaneIdentyfikacyjne/NIP',
      'error Faktura/Fa/Podmiot1K/DaneIdentyfikacyjne/NIP',
    ]);
    const test = checkKsefInvoiceRules(invoice, { environment: 'TEST', now: new Date('2026-02-01') });
    expect(test.map((i) => i.severity)).toEqual(['warning', 'warning']);
  });

  it('P_1 is compared with the date in Poland, not UTC', () => {
    // 2026-01-14 23:30 UTC is already 2026-01-15 in Warsaw.
    expect(checkKsefInvoiceRules(BASE, { now: new Date('2026-01-14T23:30:00Z') })).toEqual([]);
    expect(checkKsefInvoiceRules(BASE, { now: new Date('2026-01-14T22:30:00Z') })).toEqual([
      expect.objectContaining({ code: 'KSEF_P1_IN_FUTURE' }),
    ]);
  });

  it('reports invalid UTF-8, astral non-characters and the 3 MB limit with an attachment', () => {
    expect(checkKsefDocumentRules(Buffer.from([0x3c, 0x61, 0xc3, 0x28, 0x3e])).issues[0]?.code).toBe('KSEF_NOT_UTF8');
    const nonCharacter = checkKsefDocumentRules(Buffer.from('<a>\n x\u{1FFFE}</a>')).issues;
    expect(nonCharacter).toEqual([
      expect.objectContaining({ code: 'KSEF_FORBIDDEN_CHARACTER', line: 2, message: 'Niedozwolony znak U+1FFFE.' }),
    ]);
    // One per UTF-8 lead byte the fast pre-check looks for; Polish letters alone never trigger the expression.
    for (const [character, hex] of [
      ['\u007F', '007F'],
      ['\u0084', '0084'],
      ['\uFDD0', 'FDD0'],
      ['\uFFFF', 'FFFF'],
      ['\u{10FFFE}', '10FFFE'],
    ]) {
      const found = checkKsefDocumentRules(Buffer.from(`<a>Zażółć${character}</a>`)).issues;
      expect(found.map((i) => i.message)).toEqual([`Niedozwolony znak U+${hex}.`]);
    }
    expect(checkKsefDocumentRules(Buffer.from('<a>Zażółć gęślą jaźń \u00A0§</a>')).issues).toEqual([]);
    const padding = 'x'.repeat(2_000_000);
    expect(checkKsefDocumentRules(Buffer.from(`<a><Zalacznik>${padding}</Zalacznik></a>`)).issues).toEqual([]);
    expect(checkKsefDocumentRules(Buffer.from(`<a>${padding}</a>`)).issues[0]?.code).toBe('KSEF_SIZE');
  });
});
