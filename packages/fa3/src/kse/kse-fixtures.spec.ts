import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ksefNumberChecksum } from '../ids';
import { createInvoiceValidator, type InvoiceValidator } from '../validation';
import { buildInvoice } from '../xml';
import { decodeKseBytes } from './kse-encoding';
import { importKse } from './kse-import';
import { writeKseBytes } from './kse-writer';
import { ENCODER_FIXTURES } from './testing/kse-fixture-list';

const FIXTURES = resolve(__dirname, '../../test-fixtures/kse');
const read = (file: string) => readFileSync(resolve(FIXTURES, file));
const NOW = new Date('2026-06-01T00:00:00Z');
const CORRECTED_KSEF_NUMBER = `1111111111-20260120-0100001AF629-${ksefNumberChecksum('1111111111-20260120-0100001AF629')}`;

let validator: InvoiceValidator;
beforeAll(async () => {
  validator = await createInvoiceValidator();
});

describe('KSE fixtures written by our encoder', () => {
  it.each(ENCODER_FIXTURES)('$file is up to date (regenerate with generate-kse-fixtures.ts)', (fixture) => {
    expect(read(fixture.file).equals(Buffer.from(writeKseBytes(fixture.document, fixture.encoding)))).toBe(true);
  });

  it.each(ENCODER_FIXTURES)('$file is detected as $encoding and becomes FA(3) that validates', (fixture) => {
    const result = importKse(read(fixture.file), { createdAt: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.encoding).toBe(fixture.encoding);
    expect(result.invoice.Podmiot1.DaneIdentyfikacyjne.Nazwa).toBe(fixture.document.header.sellerName);
    const validation = validator.validate(buildInvoice(result.invoice), { now: NOW });
    expect(validation.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(validation.valid).toBe(true);
  });
});

describe('the hand-written Mazovia fixture (bytes typed from the code page table)', () => {
  const bytes = read('reczny.mazovia.KSE');

  it('decodes every Polish letter from its Mazovia byte', () => {
    const { text, encoding } = decodeKseBytes(bytes, 'auto');
    expect(encoding).toBe('mazovia');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Pracownia Złota Róża');
    expect(lines[11]).toBe('Łukasz Śliwiński');
    expect(lines[24]).toBe('ĄĆĘŁŃÓŚŹŻ');
    expect(lines[25]).toBe('ąćęłńóśźż');
    expect(lines[26 + 3]).toBe('Bukiet żółtych róż');
  });

  it('becomes a paid, valid FA(3) invoice for a buyer without an identifier', () => {
    const result = importKse(bytes, { encoding: 'mazovia', createdAt: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { invoice } = result;
    expect(invoice.Podmiot2.DaneIdentyfikacyjne).toEqual({ BrakID: '1', Nazwa: 'Łukasz Śliwiński' });
    expect(invoice.Fa).toMatchObject({
      P_1: '2026-03-02',
      P_2: 'R/2026/3',
      P_13_1: '100.00',
      P_14_1: '23.00',
      P_15: '123.00',
      RodzajFaktury: 'VAT',
      Platnosc: { Zaplacono: '1', DataZaplaty: '2026-03-02', FormaPlatnosci: '1' },
    });
    expect(invoice.Fa.FaWiersz).toEqual([
      {
        NrWierszaFa: '1',
        P_7: 'Bukiet żółtych róż',
        P_8A: 'szt.',
        P_8B: '1.00',
        P_9A: '100.00',
        P_11: '100.00',
        P_11Vat: '23.00',
        P_12: '23',
      },
    ]);
    expect(validator.validate(buildInvoice(invoice), { now: NOW }).valid).toBe(true);
  });

  it('read as CP852 it would give no Polish name, which is why auto-detection picks Mazovia', () => {
    expect(decodeKseBytes(bytes, 'cp852').text.split('\r\n')[0]).not.toBe('Pracownia Złota Róża');
  });
});

describe('mapping details', () => {
  it('maps the VAT invoice fields to their FA(3) places', () => {
    const result = importKse(read('faktura-vat.cp852.KSE'), { createdAt: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const { invoice, warnings } = result;
    expect(warnings).toEqual([]);
    expect(invoice.Podmiot1).toEqual({
      DaneIdentyfikacyjne: { NIP: '5265877635', Nazwa: 'PHU Żółw Łódź Spółka z o.o.' },
      Adres: { KodKraju: 'PL', AdresL1: 'ul. Piotrkowska 104/6', AdresL2: '90-001 Łódź' },
    });
    expect(invoice.Podmiot2.DaneIdentyfikacyjne).toEqual({
      NIP: '7740001454',
      Nazwa: 'Zakład Usług Gęślarskich Józef Ćwik',
    });
    expect(invoice.Fa).toMatchObject({
      P_1M: 'Łódź',
      P_6: '2026-01-14',
      P_13_1: '1000.00',
      P_14_1: '230.00',
      P_13_2: '185.19',
      P_14_2: '14.81',
      P_13_3: '55.56',
      P_14_3: '2.78',
      P_13_6_1: '5.10',
      P_15: '1493.44',
      DodatkowyOpis: [{ Klucz: 'Uwagi', Wartosc: 'Dziękujemy za zakupy Towar odebrano osobiście' }],
      Platnosc: { TerminPlatnosci: [{ Termin: '2026-01-29' }], FormaPlatnosci: '6' },
    });
    expect(invoice.Fa.FaWiersz?.map((line) => [line.P_12, line.GTU, line.PKWiU, line.GTIN])).toEqual([
      ['5', undefined, '10.71.11.0', '5901234123457'],
      ['23', 'GTU_12', undefined, undefined],
      ['8', undefined, '58.11.13.0', undefined],
      ['0 KR', undefined, undefined, undefined],
    ]);
  });

  it('maps a correction to KOR with the reason and the corrected invoice', () => {
    const result = importKse(read('korekta.mazovia.KSE'), {
      createdAt: NOW,
      correctedInvoice: { issueDate: '2026-01-20', ksefNumber: CORRECTED_KSEF_NUMBER },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings).toEqual([]);
    expect(result.invoice.Fa).toMatchObject({
      RodzajFaktury: 'KOR',
      PrzyczynaKorekty: 'Zwrot uszkodzonego towaru Błędna ilość na fakturze',
      DaneFaKorygowanej: [
        {
          DataWystFaKorygowanej: '2026-01-20',
          NrFaKorygowanej: 'FV/2026/01/0113',
          NrKSeF: '1',
          NrKSeFFaKorygowanej: CORRECTED_KSEF_NUMBER,
        },
      ],
      P_13_1: '-40.00',
      P_14_1: '-9.20',
      P_15: '-49.20',
    });
  });

  it('warns, naming the line, when the totals of the legacy file do not add up', () => {
    const fixture = ENCODER_FIXTURES[0]!;
    const document = structuredClone(fixture.document);
    document.header.grossTotal = '1500.00';
    document.items[0]!.grossValue = '58.35';
    const result = importKse(writeKseBytes(document, 'cp852'), { createdAt: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.warnings.map(({ line, code }) => `${line}:${code}`)).toEqual([
      '39:KSE_AMOUNT_MISMATCH',
      '22:KSE_AMOUNT_MISMATCH',
    ]);
    expect(result.warnings[1]!.message).toBe(
      'Wiersz 22: wartość brutto faktury 1500.00 różni się od sumy pozycji 1493.45',
    );
  });

  it('returns the parser errors instead of an invoice for a malformed file', () => {
    const text = decodeKseBytes(read('faktura-vat.cp852.KSE'), 'cp852').text.replace('2026.01.15', '15.01.2026');
    const result = importKse(Buffer.from(text, 'latin1'), { encoding: 'cp852' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.line)).toEqual([9]);
  });
});
