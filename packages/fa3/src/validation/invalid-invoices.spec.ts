import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInvoiceValidator, type InvoiceValidator } from './invoice-validator';

const VALID = readFileSync(resolve(__dirname, '../../test-fixtures/invoices/valid-basic.xml'), 'utf8');
const NOW = new Date('2026-02-01T12:00:00Z');

/** Replaces one exact fragment of the valid invoice; fails loudly when the fixture no longer contains it. */
function edit(xml: string, from: string, to: string): string {
  if (!xml.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return xml.replace(from, to);
}

interface Case {
  name: string;
  xml: string | Buffer;
  code: string;
  path: string;
  severity?: 'error' | 'warning';
  now?: Date;
}

const CASES: Case[] = [
  // (a) schema
  { name: 'missing invoice number P_2', xml: edit(VALID, '<P_2>FV/2026/01/0042</P_2>', ''), code: 'XSD_UNEXPECTED_ELEMENT', path: 'Faktura/Fa/P_6' },
  { name: 'amount with three decimals', xml: edit(VALID, '<P_15>2740.55</P_15>', '<P_15>2740.555</P_15>'), code: 'XSD_DIGITS', path: 'Faktura/Fa/P_15' },
  { name: 'seller NIP with a leading zero', xml: edit(VALID, '<NIP>5265877635</NIP>', '<NIP>0265877635</NIP>'), code: 'XSD_PATTERN', path: 'Faktura/Podmiot1/DaneIdentyfikacyjne/NIP' },
  { name: 'unknown VAT rate', xml: edit(VALID, '<P_12>5</P_12>', '<P_12>24</P_12>'), code: 'XSD_ENUMERATION', path: 'Faktura/Fa/FaWiersz[2]/P_12' },
  { name: 'impossible issue date', xml: edit(VALID, '<P_1>2026-01-15</P_1>', '<P_1>2026-02-30</P_1>'), code: 'XSD_TYPE', path: 'Faktura/Fa/P_1' },
  { name: 'issue date before 2006', xml: edit(VALID, '<P_1>2026-01-15</P_1>', '<P_1>2005-12-31</P_1>'), code: 'XSD_RANGE', path: 'Faktura/Fa/P_1' },
  { name: 'unknown invoice kind', xml: edit(VALID, '<RodzajFaktury>VAT</RodzajFaktury>', '<RodzajFaktury>FAK</RodzajFaktury>'), code: 'XSD_ENUMERATION', path: 'Faktura/Fa/RodzajFaktury' },
  { name: 'unknown currency', xml: edit(VALID, '<KodWaluty>PLN</KodWaluty>', '<KodWaluty>ZLT</KodWaluty>'), code: 'XSD_ENUMERATION', path: 'Faktura/Fa/KodWaluty' },
  { name: 'missing buyer JST flag', xml: edit(VALID, '<JST>2</JST>', ''), code: 'XSD_UNEXPECTED_ELEMENT', path: 'Faktura/Podmiot2/GV' },
  { name: 'e-mail without @', xml: edit(VALID, 'biuro@zolw.example.pl', 'biuro.zolw.example.pl'), code: 'XSD_PATTERN', path: 'Faktura/Podmiot1/DaneKontaktowe/Email' },
  { name: 'wrong namespace', xml: edit(VALID, 'xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"', 'xmlns="http://crd.gov.pl/wzor/2023/06/29/12648/"'), code: 'XSD_ROOT', path: 'Faktura' },
  { name: 'unclosed element', xml: edit(VALID, '</P_7>', '</P_77>'), code: 'XML_MALFORMED', path: '' },
  { name: 'DOCTYPE declared', xml: edit(VALID, '<Faktura ', '<!DOCTYPE Faktura>\n<Faktura '), code: 'XML_DTD_FORBIDDEN', path: '' },
  // (b) KSeF rules
  { name: 'UTF-8 BOM', xml: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID)]), code: 'KSEF_BOM', path: '' },
  { name: 'declared ISO-8859-2', xml: edit(VALID, 'encoding="UTF-8"', 'encoding="ISO-8859-2"'), code: 'KSEF_ENCODING', path: '' },
  { name: 'discouraged control character', xml: edit(VALID, 'Szkolenie BHP', 'Szkolenie\u0086BHP'), code: 'KSEF_FORBIDDEN_CHARACTER', path: '' },
  { name: 'processing instruction', xml: edit(VALID, '<Naglowek>', '<?pos-system id="7"?>\n  <Naglowek>'), code: 'KSEF_PROCESSING_INSTRUCTION', path: '' },
  { name: 'issue date in the future', xml: VALID, now: new Date('2026-01-14T22:59:00Z'), code: 'KSEF_P1_IN_FUTURE', path: 'Faktura/Fa/P_1' },
  { name: 'buyer NIP checksum', xml: edit(VALID, '<NIP>3861610227</NIP>', '<NIP>3861610228</NIP>'), code: 'KSEF_NIP_CHECKSUM', path: 'Faktura/Podmiot2/DaneIdentyfikacyjne/NIP' },
  { name: 'third party NIP checksum', xml: edit(VALID, '<NIP>1111111111</NIP>', '<NIP>1111111112</NIP>'), code: 'KSEF_NIP_CHECKSUM', path: 'Faktura/Podmiot3/DaneIdentyfikacyjne/NIP' },
  { name: 'over 1 MB without attachment', xml: edit(VALID, '<Stopka>', `<!--${'x'.repeat(1_000_000)}-->\n  <Stopka>`), code: 'KSEF_SIZE', path: '' },
  // (c) business consistency: warnings
  { name: 'net sum of 23 % lines differs', xml: edit(VALID, '<P_13_1>1500.00</P_13_1>', '<P_13_1>1501.00</P_13_1>'), code: 'BIZ_NET_SUM_MISMATCH', path: 'Faktura/Fa/P_13_1', severity: 'warning' },
  { name: 'VAT amount does not match the rate', xml: edit(VALID, '<P_14_1>345.00</P_14_1>', '<P_14_1>354.00</P_14_1>'), code: 'BIZ_VAT_AMOUNT_MISMATCH', path: 'Faktura/Fa/P_14_1', severity: 'warning' },
  { name: 'gross total differs', xml: edit(VALID, '<P_15>2740.55</P_15>', '<P_15>2740.56</P_15>'), code: 'BIZ_TOTAL_MISMATCH', path: 'Faktura/Fa/P_15', severity: 'warning' },
  { name: 'line value differs from quantity × price', xml: edit(VALID, '<P_9A>45.50</P_9A>', '<P_9A>45.60</P_9A>'), code: 'BIZ_LINE_VALUE_MISMATCH', path: 'Faktura/Fa/FaWiersz[2]/P_11', severity: 'warning' },
  { name: 'correction without the corrected invoice', xml: edit(VALID, '<RodzajFaktury>VAT</RodzajFaktury>', '<RodzajFaktury>KOR</RodzajFaktury>'), code: 'BIZ_CORRECTION_REFERENCE_MISSING', path: 'Faktura/Fa/DaneFaKorygowanej', severity: 'warning' },
  {
    name: 'corrected invoice KSeF number with a bad checksum',
    xml: edit(
      VALID,
      '<RodzajFaktury>VAT</RodzajFaktury>',
      '<RodzajFaktury>KOR</RodzajFaktury><PrzyczynaKorekty>Błąd ceny</PrzyczynaKorekty><DaneFaKorygowanej><DataWystFaKorygowanej>2026-01-10</DataWystFaKorygowanej><NrFaKorygowanej>FV/1</NrFaKorygowanej><NrKSeF>1</NrKSeF><NrKSeFFaKorygowanej>5265877635-20250826-0100001AF629-AE</NrKSeFFaKorygowanej></DaneFaKorygowanej>',
    ),
    code: 'BIZ_KSEF_NUMBER_INVALID',
    path: 'Faktura/Fa/DaneFaKorygowanej/NrKSeFFaKorygowanej',
    severity: 'warning',
  },
  { name: 'payment due before issue', xml: edit(VALID, '<Termin>2026-01-29</Termin>', '<Termin>2026-01-05</Termin>'), code: 'BIZ_DUE_BEFORE_ISSUE', path: 'Faktura/Fa/Platnosc/TerminPlatnosci/Termin', severity: 'warning' },
]; // prettier-ignore

let validator: InvoiceValidator;
beforeAll(async () => {
  validator = await createInvoiceValidator();
});

describe('hand-written invalid invoices', () => {
  it('the base invoice is valid without any issue', () => {
    expect(validator.validate(VALID, { now: NOW }).issues).toEqual([]);
  });

  it.each(CASES)('$name -> $code at "$path"', ({ xml, code, path, severity = 'error', now }) => {
    const result = validator.validate(xml, { now: now ?? NOW });
    expect(result.issues).toContainEqual(expect.objectContaining({ code, path, severity }));
    expect(result.valid).toBe(severity === 'warning');
    for (const found of result.issues) expect(found.message).toMatch(/\S/);
  });
});
