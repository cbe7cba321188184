import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf-test-helpers';
import { parseUpo, UpoParseError } from './upo-document';
import { renderUpoPdf } from './upo-pdf';

const UPO_SAMPLES = resolve(__dirname, '../../../../../shared/ksef/faktury/upo/przyklady/v4-3');
const samples = readdirSync(UPO_SAMPLES).flatMap((dir) =>
  readdirSync(join(UPO_SAMPLES, dir)).map((file) => ({ file, xml: readFileSync(join(UPO_SAMPLES, dir, file)) })),
);

describe('UPO v4-3', () => {
  it('reads all six official samples', () => {
    expect(samples).toHaveLength(6);
    for (const { xml } of samples) {
      const upo = parseUpo(xml);
      expect(upo.sessionReferenceNumber).toMatch(/^\d{8}-[0-9A-Z]{2}-/);
      expect(upo.documents.length).toBeGreaterThan(0);
      expect(upo.structureName).toBe('Schemat_FA(3)_v1-0E.xsd');
    }
  });

  it('reads a session UPO with its page description and context', () => {
    const session = samples.find((s) => s.file === 'upo-sesja-kontekst-id-nip.xml')!;
    const upo = parseUpo(session.xml);
    expect(upo.context).toEqual({ type: 'Nip', value: '5265877635' });
    expect(upo.authentication.type).toBe('signature');
    expect(upo.page).toEqual({ number: '1', of: '1', from: '1', to: '2', total: '2' });
    expect(upo.documents.map((d) => d.ksefNumber)).toEqual([
      '5265877635-20250916-010040741B3E-46',
      '5265877635-20250916-0200A0D6723E-C2',
    ]);
  });

  it('prints receiver, session, context and every document in the PDF', async () => {
    const session = samples.find((s) => s.file === 'upo-sesja-kontekst-id-nip.xml')!;
    const text = pdfText(await renderUpoPdf(session.xml)).replace(/[ \t]+/g, ' ');
    for (const expected of [
      'Urzędowe Poświadczenie Odbioru',
      'Ministerstwo Finansów - środowisko testowe (TE)',
      '36950822-93-9D5A28BFDA-47C899773E-5C',
      'Kontekst (NIP): 5265877635',
      '5265877635-20250916-010040741B3E-46',
      'FA/SIGTF-3388125147/11/2025',
      'FA/XVQUD-9997622510/04/2027',
      '2025-09-16 11:02:41',
      'jli86Kp2Kw7jppX59P8VmjWRcwLTvsPK3DcPEB87mNk=',
      'Strona: 1 z 1; dokumenty 1-2 z 2',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('refuses documents that are not a UPO v4-3 and DTDs', () => {
    expect(() => parseUpo('<Faktura xmlns="http://crd.gov.pl/wzor/2025/06/25/13775/"/>')).toThrow(UpoParseError);
    expect(() => parseUpo('<!DOCTYPE x [<!ENTITY a "b">]><Potwierdzenie/>')).toThrow(/DTD/);
    expect(() => parseUpo('<Potwierdzenie xmlns="http://upo.schematy.mf.gov.pl/KSeF/v4-3">')).toThrow(UpoParseError);
  });
});
