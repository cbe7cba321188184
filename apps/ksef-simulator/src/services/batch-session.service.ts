import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { MINUTE } from '../core/dates';
import { ForbiddenError, KsefError, validationError } from '../core/errors';
import { newReferenceNumber } from '../core/identifiers';
import type { RequestAuth } from '../core/request-auth';
import { sessionLimitsFor } from '../domain/limits';
import {
  INVOICE_STATUS,
  SESSION_STATUS,
  sessionInvoicesTable,
  sessionsTable,
  type SessionInvoiceRecord,
  type SessionRecord,
} from '../domain/session';
import type { SimulatorContext } from '../simulator-context';
import { unpackArchive, type ArchiveEntry } from './archive';
import { decryptAes, processInvoiceContent } from './invoice-processing.service';
import { newSession } from './online-session.service';
import { unwrapSessionKey, type EncryptionBody, type FormCodeBody } from './session-keys.service';
import { finalizeIfDone } from './session-lifecycle.service';
import { findSession } from './session-queries';

const MAX_PARTS = 50;
/** 100 MB before encryption; AES-CBC adds at most one block. */
const MAX_ENCRYPTED_PART_BYTES = 100_000_000 + 16;
const UPLOAD_WINDOW_PER_PART_MS = 20 * MINUTE;

export interface OpenBatchBody {
  formCode: FormCodeBody;
  batchFile: {
    fileSize: number;
    fileHash: string;
    compressionType?: 'Zip' | 'TarGz' | null;
    fileParts: { ordinalNumber: number; fileSize: number; fileHash: string }[];
  };
  encryption: EncryptionBody;
  offlineMode?: boolean;
}

export function partPath(sessionRef: string, ordinal: number): string {
  return `/storage/batch/${sessionRef}/parts/${ordinal}`;
}

export function openBatchSession(
  ctx: SimulatorContext,
  request: FastifyRequest,
  auth: RequestAuth,
  body: OpenBatchBody,
) {
  const parts = body.batchFile.fileParts;
  if (parts.length > MAX_PARTS)
    throw new KsefError(21161, 'Przekroczona dozwolona liczba części paczki.', [`Limit: ${MAX_PARTS}.`]);
  const ordinals = parts.map((p) => p.ordinalNumber).sort((a, b) => a - b);
  if (ordinals.some((n, i) => n !== i + 1)) {
    throw validationError('batchFile.fileParts: numery części muszą być kolejnymi liczbami od 1');
  }
  const tooBig = parts.find((p) => p.fileSize > MAX_ENCRYPTED_PART_BYTES);
  if (tooBig)
    throw new KsefError(21157, 'Nieprawidłowy rozmiar części paczki.', [
      `Część ${tooBig.ordinalNumber} przekracza 100 MB.`,
    ]);

  const { key, iv } = unwrapSessionKey(ctx, body.formCode, body.encryption);
  const session = newSession(ctx, auth, 'Batch', body.formCode, key, iv);
  session.offlineMode = body.offlineMode ?? false;
  const deadline = session.dateCreated + UPLOAD_WINDOW_PER_PART_MS * parts.length;
  session.batch = {
    fileSize: body.batchFile.fileSize,
    fileHash: body.batchFile.fileHash,
    compressionType: body.batchFile.compressionType ?? 'Zip',
    parts: [...parts]
      .sort((a, b) => a.ordinalNumber - b.ordinalNumber)
      .map((p) => ({ ordinalNumber: p.ordinalNumber, fileSize: p.fileSize, fileHash: p.fileHash, data: null })),
    uploadDeadline: deadline,
  };
  sessionsTable(ctx.store).set(session.referenceNumber, session);
  const baseUrl = ctx.baseUrl(request);
  return {
    referenceNumber: session.referenceNumber,
    partUploadRequests: session.batch.parts.map((p) => ({
      ordinalNumber: p.ordinalNumber,
      method: 'PUT',
      url: ctx.urls.sign(baseUrl, partPath(session.referenceNumber, p.ordinalNumber), deadline),
      headers: { 'x-ms-blob-type': 'BlockBlob' },
    })),
  };
}

/** PUT of one part to its pre-signed URL (the URL signature has been checked by the route). */
export function uploadPart(ctx: SimulatorContext, sessionRef: string, ordinal: number, data: Buffer): void {
  const session = sessionsTable(ctx.store).get(sessionRef);
  const part = session?.batch?.parts.find((p) => p.ordinalNumber === ordinal);
  if (!session || !part) throw validationError('Nieznana część paczki.');
  if (session.status.code !== 100 || ctx.clock.now() > (session.batch?.uploadDeadline ?? 0)) {
    throw new ForbiddenError('insufficient-resource-access', 'Przesyłanie części paczki nie jest już możliwe.');
  }
  part.data = data;
}

export function closeBatchSession(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string): void {
  const session = findSession(ctx, auth, referenceNumber, 'Batch');
  const batch = session.batch;
  if (session.status.code !== 100 || !batch) {
    throw new KsefError(21180, 'Status sesji nie pozwala na wykonanie operacji.', [
      `Status sesji: ${session.status.code}.`,
    ]);
  }
  const now = ctx.clock.now();
  if (now > batch.uploadDeadline) {
    session.status = { ...SESSION_STATUS.cancelled, details: ['Przekroczono czas oczekiwania na przesłanie paczki.'] };
    session.dateUpdated = now;
    throw new KsefError(21208, 'Przekroczono czas oczekiwania na zakończenie przesyłania; sesja anulowana.');
  }
  const missing = batch.parts.filter((p) => p.data === null).map((p) => p.ordinalNumber);
  if (missing.length > 0)
    throw new KsefError(21205, 'Paczka nie może być pusta.', [`Nie przesłano części: ${missing.join(', ')}.`]);
  const wrongSize = batch.parts.find((p) => p.data?.length !== p.fileSize);
  if (wrongSize) {
    throw new KsefError(21157, 'Nieprawidłowy rozmiar części paczki.', [
      `Część ${wrongSize.ordinalNumber}: zadeklarowano ${wrongSize.fileSize} B, przesłano ${wrongSize.data?.length ?? 0} B.`,
    ]);
  }
  session.closedAt = now;
  session.dateUpdated = now;
  session.status = SESSION_STATUS.processing;
  ctx.scheduler.run(ctx.faults.processingDelayMs, async () => {
    try {
      await processBatch(ctx, session);
    } catch (error) {
      // A simulator bug must not leave the session in 150 forever: report KSeF's "unknown error".
      ctx.log.error({ err: error, session: session.referenceNumber }, 'batch processing failed');
      failSession(ctx, session, { code: 500, description: 'Nieznany błąd' }, [
        'Nieoczekiwany błąd przetwarzania paczki.',
      ]);
    }
  });
}

function failSession(
  ctx: SimulatorContext,
  session: SessionRecord,
  status: SessionRecord['status'],
  details: string[],
): void {
  session.status = { ...status, details };
  session.dateUpdated = ctx.clock.now();
  for (const invoice of sessionInvoicesTable(ctx.store).values()) {
    if (invoice.sessionReferenceNumber === session.referenceNumber && invoice.status.code < 200)
      invoice.status = INVOICE_STATUS.sessionError;
  }
}

async function processBatch(ctx: SimulatorContext, session: SessionRecord): Promise<void> {
  const batch = session.batch;
  if (!batch) return;
  if (!session.aesKey)
    return failSession(ctx, session, SESSION_STATUS.keyError, ['Nie udało się odszyfrować klucza sesji.']);
  for (const part of batch.parts) {
    if (
      createHash('sha256')
        .update(part.data ?? Buffer.alloc(0))
        .digest('base64') !== part.fileHash
    ) {
      return failSession(ctx, session, SESSION_STATUS.partsVerification, [
        `Skrót części ${part.ordinalNumber} różni się od zadeklarowanego.`,
      ]);
    }
  }
  let archive: Buffer;
  try {
    archive = Buffer.concat(batch.parts.map((p) => decryptAes(session.aesKey!, session.iv, p.data ?? Buffer.alloc(0))));
  } catch {
    return failSession(ctx, session, SESSION_STATUS.partsDecryption, ['Nie udało się odszyfrować części paczki.']);
  }
  // Uploaded parts are no longer needed; keep the snapshot small.
  for (const part of batch.parts) part.data = Buffer.alloc(0);
  if (archive.length !== batch.fileSize || createHash('sha256').update(archive).digest('base64') !== batch.fileHash) {
    return failSession(ctx, session, SESSION_STATUS.partsVerification, [
      'Rozmiar lub skrót paczki różni się od zadeklarowanego.',
    ]);
  }
  let files: ArchiveEntry[];
  try {
    files = await unpackArchive(archive, batch.compressionType);
  } catch (error) {
    return failSession(ctx, session, SESSION_STATUS.decompression, [
      error instanceof Error ? error.message : 'Błąd dekompresji.',
    ]);
  }
  const limits = sessionLimitsFor(ctx.store, session.contextKey, 'Batch');
  if (files.length > limits.maxInvoices) {
    return failSession(ctx, session, SESSION_STATUS.invoiceLimit, [
      `Paczka zawiera ${files.length} faktur, limit ${limits.maxInvoices}.`,
    ]);
  }

  const table = sessionInvoicesTable(ctx.store);
  files.forEach((file, index) => {
    const invoice: SessionInvoiceRecord = {
      referenceNumber: newReferenceNumber('EE', ctx.clock.now()),
      sessionReferenceNumber: session.referenceNumber,
      ordinalNumber: index + 1,
      invoiceHash: createHash('sha256').update(file.content).digest('base64'),
      invoiceSize: file.content.length,
      invoiceFileName: file.name.slice(0, 128),
      // Every invoice of a batch counts as accepted at session opening (offline rule, KSeF number date).
      invoicingDate: session.dateCreated,
      offlineMode: session.offlineMode,
      hashOfCorrectedInvoice: null,
      status: INVOICE_STATUS.processing,
      invoiceNumber: null,
      ksefNumber: null,
      acquisitionDate: null,
      permanentStorageDate: null,
      invoicingMode: null,
    };
    table.set(invoice.referenceNumber, invoice);
    session.invoiceRefs.push(invoice.referenceNumber);
  });
  for (const [index, file] of files.entries()) {
    const invoice = table.get(session.invoiceRefs[index]!)!;
    processInvoiceContent(ctx, session, invoice, file.content, null);
    // Yield between invoices so a 10,000-invoice package does not stall other requests.
    if (index % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
  }
  finalizeIfDone(ctx, session);
}
