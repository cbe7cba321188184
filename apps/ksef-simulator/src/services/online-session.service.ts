import { createHash } from 'node:crypto';
import { isoDateTime } from '../core/dates';
import { KsefError, validationError } from '../core/errors';
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
import { correctionsTable, invoiceHashIndexTable } from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';
import { decryptAes, processInvoiceContent } from './invoice-processing.service';
import { closeSession, finalizeIfDone, SESSION_LIFETIME_MS } from './session-lifecycle.service';
import { findSession } from './session-queries';
import { unwrapSessionKey, type EncryptionBody, type FormCodeBody } from './session-keys.service';

export interface OpenOnlineBody {
  formCode: FormCodeBody;
  encryption: EncryptionBody;
}

export interface SendInvoiceBody {
  invoiceHash: string;
  invoiceSize: number;
  encryptedInvoiceHash: string;
  encryptedInvoiceSize: number;
  encryptedInvoiceContent: string;
  offlineMode?: boolean;
  hashOfCorrectedInvoice?: string | null;
}

export function newSession(
  ctx: SimulatorContext,
  auth: RequestAuth,
  type: 'Online' | 'Batch',
  formCode: FormCodeBody,
  key: Buffer | null,
  iv: Buffer,
): SessionRecord {
  const now = ctx.clock.now();
  return {
    referenceNumber: newReferenceNumber(type === 'Online' ? 'SO' : 'SB', now),
    type,
    context: auth.context,
    contextKey: auth.contextKey,
    authOperationReferenceNumber: auth.operation.referenceNumber,
    ksefTokenReferenceNumber: auth.operation.ksefTokenReferenceNumber,
    authDocumentHash: auth.operation.authDocumentHash,
    formCode: { systemCode: formCode.systemCode, schemaVersion: formCode.schemaVersion, value: formCode.value },
    aesKey: key,
    iv,
    status: key ? (type === 'Online' ? SESSION_STATUS.open : SESSION_STATUS.batchOpen) : SESSION_STATUS.keyError,
    dateCreated: now,
    dateUpdated: now,
    validUntil: now + SESSION_LIFETIME_MS,
    closedAt: null,
    invoiceRefs: [],
    upoPages: null,
    offlineMode: false,
    batch: null,
  };
}

export function openOnlineSession(ctx: SimulatorContext, auth: RequestAuth, body: OpenOnlineBody) {
  const { key, iv } = unwrapSessionKey(ctx, body.formCode, body.encryption);
  const session = newSession(ctx, auth, 'Online', body.formCode, key, iv);
  sessionsTable(ctx.store).set(session.referenceNumber, session);
  return { referenceNumber: session.referenceNumber, validUntil: isoDateTime(session.validUntil) };
}

function checkTechnicalCorrection(ctx: SimulatorContext, session: SessionRecord, body: SendInvoiceBody): void {
  const corrected = body.hashOfCorrectedInvoice;
  if (!corrected) return;
  if (!body.offlineMode) throw validationError('hashOfCorrectedInvoice: korekta techniczna wymaga offlineMode = true');
  const originals = (invoiceHashIndexTable(ctx.store).get(`${session.contextKey}|${corrected}`) ?? [])
    .map((ref) => sessionInvoicesTable(ctx.store).get(ref))
    .filter((invoice): invoice is SessionInvoiceRecord => invoice !== undefined);
  if (originals.some((invoice) => invoice.status.code === INVOICE_STATUS.success.code)) {
    throw new KsefError(21167, 'Status faktury nie pozwala na korektę techniczną.', [
      'Faktura pierwotna została przyjęta.',
    ]);
  }
  if (originals.length === 0 || correctionsTable(ctx.store).has(corrected)) {
    throw new KsefError(21166, 'Korekta techniczna niedostępna.', [
      originals.length === 0
        ? 'Nie znaleziono odrzuconej faktury o wskazanym skrócie.'
        : 'Faktura ma już poprawną korektę techniczną.',
    ]);
  }
}

export function sendInvoice(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string, body: SendInvoiceBody) {
  const session = findSession(ctx, auth, referenceNumber, 'Online');
  if (session.status.code !== 100 || !session.aesKey) {
    throw new KsefError(21180, 'Status sesji nie pozwala na wykonanie operacji.', [
      `Status sesji: ${session.status.code}.`,
    ]);
  }
  const limits = sessionLimitsFor(ctx.store, session.contextKey, 'Online');
  if (session.invoiceRefs.length >= limits.maxInvoices) {
    throw new KsefError(21155, 'Przekroczono dozwoloną liczbę faktur w sesji.', [`Limit: ${limits.maxInvoices}.`]);
  }
  const encrypted = Buffer.from(body.encryptedInvoiceContent, 'base64');
  if (encrypted.length !== body.encryptedInvoiceSize) {
    throw new KsefError(21402, 'Nieprawidłowy rozmiar pliku.', [
      `Rozmiar zaszyfrowanej treści (${encrypted.length} B) różni się od encryptedInvoiceSize (${body.encryptedInvoiceSize} B).`,
    ]);
  }
  if (createHash('sha256').update(encrypted).digest('base64') !== body.encryptedInvoiceHash) {
    throw new KsefError(21403, 'Nieprawidłowy skrót pliku.', [
      'Skrót zaszyfrowanej treści różni się od encryptedInvoiceHash.',
    ]);
  }
  checkTechnicalCorrection(ctx, session, body);

  const now = ctx.clock.now();
  const invoice: SessionInvoiceRecord = {
    referenceNumber: newReferenceNumber('EE', now),
    sessionReferenceNumber: session.referenceNumber,
    ordinalNumber: session.invoiceRefs.length + 1,
    invoiceHash: body.invoiceHash,
    invoiceSize: body.invoiceSize,
    invoiceFileName: null,
    invoicingDate: now,
    offlineMode: body.offlineMode ?? false,
    hashOfCorrectedInvoice: body.hashOfCorrectedInvoice ?? null,
    status: INVOICE_STATUS.accepted,
    invoiceNumber: null,
    ksefNumber: null,
    acquisitionDate: null,
    permanentStorageDate: null,
    invoicingMode: null,
  };
  sessionInvoicesTable(ctx.store).set(invoice.referenceNumber, invoice);
  session.invoiceRefs.push(invoice.referenceNumber);
  session.dateUpdated = now;

  const key = session.aesKey;
  const delay = ctx.faults.processingDelayMs;
  ctx.scheduler.run(delay, () => {
    invoice.status = INVOICE_STATUS.processing;
    ctx.scheduler.run(delay, () => {
      let plain: Buffer;
      try {
        plain = decryptAes(key, session.iv, encrypted);
      } catch {
        invoice.status = {
          ...INVOICE_STATUS.decryption,
          details: ['Nie udało się odszyfrować faktury kluczem sesji.'],
        };
        finalizeIfDone(ctx, session);
        return;
      }
      try {
        processInvoiceContent(ctx, session, invoice, plain, { hash: body.invoiceHash, size: body.invoiceSize });
      } catch (error) {
        // A simulator bug must not leave the invoice in 150 forever: report KSeF's "unknown error".
        ctx.log.error({ err: error, invoice: invoice.referenceNumber }, 'invoice processing failed');
        invoice.status = INVOICE_STATUS.unknown;
      }
      finalizeIfDone(ctx, session);
    });
  });
  return { referenceNumber: invoice.referenceNumber };
}

export function closeOnlineSession(ctx: SimulatorContext, auth: RequestAuth, referenceNumber: string): void {
  const session = findSession(ctx, auth, referenceNumber, 'Online');
  if (session.status.code !== 100) {
    throw new KsefError(21180, 'Status sesji nie pozwala na wykonanie operacji.', [
      `Status sesji: ${session.status.code}.`,
    ]);
  }
  closeSession(ctx, session);
}
