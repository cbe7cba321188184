import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSelfSignedCertificate } from '../crypto/certificate-tools';
import { type KsefClient } from '../ksef-client';
import { type KsefSession } from '../auth/ksef-session';

/** Test-only: FA(3) invoices from the official sample template (tests may read ../shared). */
const TEMPLATE = resolve(__dirname, '../../../../../shared/ksef/samples/invoice-template_v3.xml');

let template: string | undefined;

/** Today's date in Europe/Warsaw (P_1 must not be later than the acceptance date). */
function warsawToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
}

export function fa3Invoice(nip: string, invoiceNumber: string, issueDate = warsawToday()): Buffer {
  template ??= readFileSync(TEMPLATE, 'utf8');
  return Buffer.from(
    template
      .replaceAll('#nip#', nip)
      .replaceAll('#invoicing_date#', issueDate)
      .replaceAll('#invoice_number#', invoiceNumber),
    'utf8',
  );
}

/** Logs in as the owner of a fresh NIP with a self-signed seal (accepted by TEST-mode KSeF). */
export async function ownerSession(
  client: KsefClient,
  nip: string,
  algorithm: 'rsa' | 'ec' = 'ec',
): Promise<KsefSession> {
  const cert = await createSelfSignedCertificate(
    {
      organizationName: `Firma ${nip}`,
      organizationIdentifier: `VATPL-${nip}`,
      commonName: `Firma ${nip}`,
      countryName: 'PL',
    },
    algorithm,
  );
  return client.login({
    kind: 'certificate',
    context: { type: 'Nip', value: nip },
    certificate: cert.certificatePem,
    privateKey: cert.privateKey,
  });
}
