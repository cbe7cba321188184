import { describe, expect, it } from 'vitest';
import { decodeKseBytes } from './kse-encoding';
import { KSR_FIELDS, type KsrReport, parseKsrText, writeKsrBytes, writeKsrText } from './ksr-report';

const ACCEPTED: KsrReport = {
  sourceId: 'FV_2026_01_0042',
  invoiceNumber: 'FV/2026/01/0042',
  status: 'OK',
  ksefNumber: '5265877635-20250826-0100001AF629-AF',
  invoicingDate: new Date('2026-01-15T10:20:30.456Z'),
  invoiceHash: 'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=',
  qrCodeI: 'https://qr.ksef.mf.gov.pl/invoice/5265877635/15-01-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
  qrCodeII: null,
  errorMessage: null,
  acquisitionDate: '2026-01-15T10:20:31.000Z',
  invoicingMode: 'OnLine',
  referenceNumber: '20260115-EE-0A1B2C3D4E-5F6A7B8C9D-01',
  createdAt: new Date('2026-01-15T10:21:00.000Z'),
};

describe('KSR report', () => {
  it('writes the 13 fields in their order, one per CRLF-ended line', () => {
    expect(writeKsrText(ACCEPTED).split('\r\n')).toEqual([
      'FV_2026_01_0042',
      'FV/2026/01/0042',
      'OK',
      '5265877635-20250826-0100001AF629-AF',
      '2026-01-15T10:20:30.456Z',
      'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=',
      'https://qr.ksef.mf.gov.pl/invoice/5265877635/15-01-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE',
      '',
      '',
      '2026-01-15T10:20:31.000Z',
      'OnLine',
      '20260115-EE-0A1B2C3D4E-5F6A7B8C9D-01',
      '2026-01-15T10:21:00.000Z',
      '',
    ]);
  });

  it('reports an error with empty KSeF fields, and keeps a multi-line message on its one line', () => {
    const rejected: KsrReport = {
      ...ACCEPTED,
      status: 'ERR',
      ksefNumber: null,
      invoicingDate: null,
      qrCodeI: null,
      acquisitionDate: null,
      invoicingMode: null,
      referenceNumber: null,
      errorMessage: 'Wiersz 9: nieprawidłowa data\r\nWiersz 22: nieprawidłowa liczba',
    };
    const fields = parseKsrText(writeKsrText(rejected));
    expect(fields).toEqual({
      sourceId: 'FV_2026_01_0042',
      invoiceNumber: 'FV/2026/01/0042',
      status: 'ERR',
      ksefNumber: '',
      invoicingDate: '',
      invoiceHash: 'UtQp9Gpc51y+u3xApZjIjgkpZ01js+J8KflSPW8WzIE=',
      qrCodeI: '',
      qrCodeII: '',
      errorMessage: 'Wiersz 9: nieprawidłowa data Wiersz 22: nieprawidłowa liczba',
      acquisitionDate: '',
      invoicingMode: '',
      referenceNumber: '',
      createdAt: '2026-01-15T10:21:00.000Z',
    });
    expect(Object.keys(fields)).toEqual([...KSR_FIELDS]);
  });

  it('writes the legacy code page, so Polish error messages survive the trip back', () => {
    const report: KsrReport = { ...ACCEPTED, status: 'DUP', errorMessage: 'Duplikat faktury — już wysłana' };
    expect(() => writeKsrBytes(report, 'mazovia')).toThrow(/„—”/);
    const fixed = { ...report, errorMessage: 'Duplikat faktury, już wysłana (zażółć)' };
    const decoded = decodeKseBytes(writeKsrBytes(fixed, 'mazovia'), 'mazovia').text;
    expect(parseKsrText(decoded).errorMessage).toBe('Duplikat faktury, już wysłana (zażółć)');
    expect(parseKsrText(decoded).status).toBe('DUP');
  });

  it('rejects a report with a wrong number of lines', () => {
    expect(() => parseKsrText('a\r\nb\r\n')).toThrow(/13 wierszy/);
  });
});
