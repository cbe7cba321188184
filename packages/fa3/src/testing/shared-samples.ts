// Test support (not exported from the package): fixtures and generators used by the specs and the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The official FA(3) sample templates (tests only: nothing at runtime reads /work/shared). */
export const SHARED_SAMPLES_DIR = resolve(__dirname, '../../../../../shared/ksef/samples');

export const SAMPLE_VALUES = {
  nip: '5265877635',
  subject2nip: '3861610227',
  selfInvocingNip: '7010002139',
  invoicingDate: '2026-01-15',
  invoiceNumber: 'FV/2026/01/0001',
  subject3: '<IDWew>5265877635-00001</IDWew>',
} as const;

/** Fills the #placeholders# of a template with valid values. */
export function fillSample(template: string): string {
  return template
    .replaceAll('#nip#', SAMPLE_VALUES.nip)
    .replaceAll('#subject2nip#', SAMPLE_VALUES.subject2nip)
    .replaceAll('#selfInvocingNip#', SAMPLE_VALUES.selfInvocingNip)
    .replaceAll('#invoicing_date#', SAMPLE_VALUES.invoicingDate)
    .replaceAll('#invoice_number#', SAMPLE_VALUES.invoiceNumber)
    .replaceAll('#subject3IdentifierValue#', SAMPLE_VALUES.subject3);
}

export function sharedSamples(): { name: string; xml: string }[] {
  return readdirSync(SHARED_SAMPLES_DIR)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, xml: fillSample(readFileSync(join(SHARED_SAMPLES_DIR, name), 'utf8')) }));
}
