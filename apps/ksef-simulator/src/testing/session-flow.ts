import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { publicCertificate } from './auth-flow';
import type { SimHarness } from './sim-harness';
import { aesEncrypt, randomAesKey, rsaOaepEncrypt, sha256b64 } from './test-crypto';

export const SHARED_DIR = resolve(__dirname, '../../../../../shared/ksef');
const TEMPLATE = readFileSync(resolve(SHARED_DIR, 'samples/invoice-template_v3.xml'), 'utf8');
export const FA3 = { systemCode: 'FA (3)', schemaVersion: '1-0E', value: 'FA' };

/** Today in Europe/Warsaw: KSeF compares P_1 with its Warsaw acceptance day (auto-offline rule). */
export function warsawToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
}

/** The Java client's FA(3) template with a seller NIP, issue date and a unique invoice number. */
export function sampleInvoice(nip: string, options: { issueDate?: string; number?: string } = {}): Buffer {
  return Buffer.from(
    TEMPLATE.replaceAll('#nip#', nip)
      .replaceAll('#invoicing_date#', options.issueDate ?? warsawToday())
      .replaceAll('#invoice_number#', options.number ?? randomUUID().slice(0, 8)),
  );
}

export interface OpenSession {
  referenceNumber: string;
  key: Buffer;
  iv: Buffer;
}

export async function encryptionFor(h: SimHarness, key: Buffer, iv: Buffer) {
  const cert = await publicCertificate(h, 'SymmetricKeyEncryption');
  return {
    encryptedSymmetricKey: rsaOaepEncrypt(cert.certificate, key),
    initializationVector: iv.toString('base64'),
    publicKeyId: cert.publicKeyId,
  };
}

export async function openOnline(h: SimHarness, accessToken: string): Promise<OpenSession> {
  const { key, iv } = randomAesKey();
  const res = await h.api<{ referenceNumber: string; validUntil: string }>('POST', '/sessions/online', {
    token: accessToken,
    body: { formCode: FA3, encryption: await encryptionFor(h, key, iv) },
    headers: { 'x-ksef-feature': 'upo-v4-3' },
  });
  expect(res.status).toBe(201);
  return { referenceNumber: res.body.referenceNumber, key, iv };
}

export function sendBody(session: OpenSession, xml: Buffer, extra: Record<string, unknown> = {}) {
  const encrypted = aesEncrypt(session.key, session.iv, xml);
  return {
    invoiceHash: sha256b64(xml),
    invoiceSize: xml.length,
    encryptedInvoiceHash: sha256b64(encrypted),
    encryptedInvoiceSize: encrypted.length,
    encryptedInvoiceContent: encrypted.toString('base64'),
    offlineMode: false,
    ...extra,
  };
}

export async function send(
  h: SimHarness,
  accessToken: string,
  session: OpenSession,
  xml: Buffer,
  extra: Record<string, unknown> = {},
) {
  return h.api<{ referenceNumber: string }>('POST', `/sessions/online/${session.referenceNumber}/invoices`, {
    token: accessToken,
    body: sendBody(session, xml, extra),
  });
}

export interface InvoiceStatusBody {
  ordinalNumber: number;
  referenceNumber: string;
  ksefNumber?: string | null;
  invoiceNumber?: string | null;
  invoiceFileName?: string | null;
  invoicingMode?: string | null;
  upoDownloadUrl?: string | null;
  status: { code: number; description: string; details?: string[]; extensions?: Record<string, string | null> | null };
}

export async function waitForInvoice(h: SimHarness, accessToken: string, sessionRef: string, invoiceRef: string) {
  for (let i = 0; i < 300; i++) {
    const res = await h.api<InvoiceStatusBody>('GET', `/sessions/${sessionRef}/invoices/${invoiceRef}`, {
      token: accessToken,
    });
    expect(res.status).toBe(200);
    if (res.body.status.code !== 100 && res.body.status.code !== 150) return res.body;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('invoice still processing');
}

export interface SessionStatusBody {
  status: { code: number; description: string };
  invoiceCount?: number | null;
  successfulInvoiceCount?: number | null;
  failedInvoiceCount?: number | null;
  upo?: { pages: { referenceNumber: string; downloadUrl: string }[] } | null;
}

export async function waitForSession(
  h: SimHarness,
  accessToken: string,
  sessionRef: string,
  pending = [100, 150, 170],
) {
  for (let i = 0; i < 600; i++) {
    const res = await h.api<SessionStatusBody>('GET', `/sessions/${sessionRef}`, { token: accessToken });
    expect(res.status).toBe(200);
    if (!pending.includes(res.body.status.code)) return res.body;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('session still processing');
}

/** Validates a UPO against the official v4-3 schema with libxml2, leniently for the TE/TR receiver name. */
export async function upoSchemaErrors(xml: Buffer): Promise<string[]> {
  const lib = await import('libxml2-wasm');
  const xsdPath = resolve(SHARED_DIR, 'faktury/upo/schemy/upo-v4-3.xsd');
  const schema = lib.XmlDocument.fromBuffer(readFileSync(xsdPath), { url: xsdPath });
  const validator = lib.XsdValidator.fromDoc(schema);
  const lenient = xml
    .toString('utf8')
    .replace(
      /<NazwaPodmiotuPrzyjmujacego>[^<]*<\/NazwaPodmiotuPrzyjmujacego>/,
      '<NazwaPodmiotuPrzyjmujacego>Ministerstwo Finansów</NazwaPodmiotuPrzyjmujacego>',
    );
  const doc = lib.XmlDocument.fromString(lenient);
  try {
    validator.validate(doc);
    return [];
  } catch (error) {
    return error instanceof lib.XmlValidateError ? error.details.map((d) => d.message) : [String(error)];
  } finally {
    doc.dispose();
    validator.dispose();
    schema.dispose();
  }
}
