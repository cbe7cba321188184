import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importKse } from '../kse';
import { buildQrCodeILink } from '../qr';
import { invoiceFromJson } from '../json';
import { posInvoiceInput } from '../testing/invoice-fixtures';
import { sharedSamples } from '../testing/shared-samples';
import { buildInvoice, parseInvoice } from '../xml';
import { invoicePdfDefinition, renderInvoicePdf } from './invoice-pdf';
import { pdfQrTexts, pdfStreams, pdfText } from './pdf-test-helpers';

const FIXTURES = resolve(__dirname, '../../test-fixtures/kse');
const KSEF_NUMBER = '5265877635-20250826-0100001AF629-AF';

function kseInvoice(file: string) {
  const result = importKse(readFileSync(resolve(FIXTURES, file)), { createdAt: new Date('2026-02-01T00:00:00Z') });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.invoice;
}

/** pdftotext keeps words but not always our spacing; compare with runs of spaces collapsed. */
const flat = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('invoice PDF', () => {
  it('shows parties, lines, VAT summary, payment and KOD I with the KSeF number, in Polish', async () => {
    const invoice = kseInvoice('faktura-vat.cp852.KSE');
    const xml = buildInvoice(invoice);
    const pdf = await renderInvoicePdf(invoice, { invoiceXml: xml, environment: 'TEST', ksefNumber: KSEF_NUMBER });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = flat(pdfText(pdf));
    for (const expected of [
      'FV/2026/01/0042',
      'Faktura podstawowa',
      `Numer KSeF: ${KSEF_NUMBER}`,
      'Sprzedawca',
      'PHU Żółw Łódź Spółka z o.o.',
      'ul. Piotrkowska 104/6, 90-001 Łódź',
      'Nabywca',
      'Zakład Usług Gęślarskich Józef Ćwik',
      'Chleb żytni pełnoziarnisty 500 g',
      'Usługa strojenia gęśli - dojazd',
      'Żeglarska mapa Śniardw',
      'Kwota należności ogółem: 1 493,44 PLN',
      'Podsumowanie stawek podatku',
      '1 000,00 230,00 1 230,00',
      '185,19 14,81 200,00',
      'Forma płatności: Przelew',
      'Termin płatności: 2026-01-29',
      'Dziękujemy za zakupy',
      'Sprawdź, czy Twoja faktura znajduje się w KSeF!',
    ]) {
      expect(text).toContain(expected);
    }
    const link = buildQrCodeILink({
      environment: 'TEST',
      sellerNip: '5265877635',
      issueDate: '2026-01-15',
      invoiceXml: xml,
    });
    expect(text.replace(/\s/g, '')).toContain(link);
    expect(text.replace(/\s/g, '')).toContain(KSEF_NUMBER);
    expect(pdfQrTexts(pdf)).toEqual([link]);
    expect(text).not.toContain('OFFLINE');
    expect(pdfText(pdf, 'raw').split('\n').join('')).not.toContain('WERSJADEMO');
  });

  it('captions an offline invoice OFFLINE, adds KOD II with CERTYFIKAT, and prints the watermark', async () => {
    const invoice = kseInvoice('korekta.mazovia.KSE');
    const codeII = 'https://qr-test.ksef.mf.gov.pl/certificate/Nip/1111111111/1111111111/01F20A5D352AE590/abc/def';
    const pdf = await renderInvoicePdf(invoice, {
      qrCodeI: 'https://qr-test.ksef.mf.gov.pl/invoice/1111111111/03-02-2026/abc',
      qrCodeII: codeII,
      watermark: 'WERSJA DEMO',
    });
    const text = flat(pdfText(pdf));
    expect(text).toContain('Faktura korygująca');
    expect(text).toContain('Przyczyna korekty: Zwrot uszkodzonego towaru Błędna ilość na fakturze');
    expect(text).toContain('Numer faktury korygowanej: FV/2026/01/0113');
    expect(text).toContain('Hurtownia Ślężanka Bożena Źrebięcka');
    expect(text).toContain('Ręczniki łazienkowe - zwrot');
    expect(text).toContain('Kwota należności ogółem: -49,20 PLN');
    expect(text).toContain('-40,00 -9,20 -49,20');
    expect(text).toContain('OFFLINE');
    expect(text).toContain('CERTYFIKAT');
    expect(text.replace(/\s/g, '')).toContain(codeII);
    // The watermark is drawn letter by letter along the diagonal: one letter per line in content-stream order.
    expect(pdfText(pdf, 'raw').split('\n').join('')).toContain('WERSJADEMO');
  });

  it('renders an official sample (parsed from XML) with its buyer, bank account and exemption notes', async () => {
    const sample = sharedSamples().find((s) => s.name === 'invoice-template_v3.xml');
    if (!sample) throw new Error('shared sample missing');
    const invoice = parseInvoice(sample.xml);
    const definition = invoicePdfDefinition(invoice, { invoiceXml: sample.xml, environment: 'DEMO' });
    expect(JSON.stringify(definition.content)).toContain(
      'https://qr-demo.ksef.mf.gov.pl/invoice/5265877635/15-01-2026/',
    );
    const text = flat(pdfText(await renderInvoicePdf(invoice, { invoiceXml: sample.xml, environment: 'DEMO' })));
    expect(text).toContain(invoice.Fa.P_2);
    expect(text).toContain(invoice.Podmiot1.DaneIdentyfikacyjne.Nazwa);
    if (invoice.Podmiot2.DaneIdentyfikacyjne.Nazwa) expect(text).toContain(invoice.Podmiot2.DaneIdentyfikacyjne.Nazwa);
    for (const line of invoice.Fa.FaWiersz ?? []) if (line.P_7) expect(text).toContain(line.P_7.slice(0, 30));
    expect(text).toContain('OFFLINE');
  });

  it('draws the same pages whether its words are shaped now or come from the shared font cache', async () => {
    const now = new Date('2026-02-01T10:00:00Z');
    const render = (variant: number) => {
      const invoice = invoiceFromJson(posInvoiceInput(20, 40, variant), { now });
      return renderInvoicePdf(invoice, { invoiceXml: buildInvoice(invoice), ksefNumber: KSEF_NUMBER });
    };
    const first = pdfStreams(await render(9001)); // words like "9001-1" were never shaped before
    await render(9002);
    const again = pdfStreams(await render(9001)); // every word now comes from the cache
    expect(first.length).toBeGreaterThan(3);
    expect(again).toEqual(first);
    expect(flat(pdfText(await render(9001)))).toContain('9001-1');
  });

  it('leaves the QR section out when neither a link nor the invoice bytes are given', () => {
    const definition = invoicePdfDefinition(kseInvoice('faktura-vat.cp852.KSE'));
    expect(JSON.stringify(definition.content)).not.toContain('Sprawdź, czy Twoja faktura');
  });
});
