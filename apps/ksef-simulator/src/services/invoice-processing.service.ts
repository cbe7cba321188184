import { createDecipheriv, createHash } from 'node:crypto';
import { warsawDay } from '../core/dates';
import { isValidNipChecksum, newKsefNumber } from '../core/identifiers';
import { attachmentConsentTable, MB, sessionLimitsFor } from '../domain/limits';
import { INVOICE_STATUS, type InvoiceStatus, type SessionInvoiceRecord, type SessionRecord } from '../domain/session';
import {
  correctionsTable,
  duplicateIndexTable,
  duplicateKey,
  invoiceHashIndexTable,
  storedInvoicesTable,
  type InvoiceFacts,
} from '../domain/stored-invoice';
import type { SimulatorContext } from '../simulator-context';
import { readInvoiceFacts } from '../xml/fa3-facts';
import { checkXmlFileRules } from '../xml/xml-rules';

const MAX_DETAILS = 20;

export function decryptAes(key: Buffer, iv: Buffer, data: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

function fail(invoice: SessionInvoiceRecord, status: InvoiceStatus, details: string[] = []): void {
  invoice.status = { ...status, ...(details.length > 0 ? { details: details.slice(0, MAX_DETAILS) } : {}) };
}

/** Schemas the simulator can validate; other form codes are refused at session open. */
export function isSupportedFormCode(formCode: { systemCode: string; schemaVersion: string; value: string }): boolean {
  return formCode.systemCode === 'FA (3)' && formCode.schemaVersion === '1-0E' && formCode.value === 'FA';
}

function sellerAllowed(session: SessionRecord, facts: InvoiceFacts): boolean {
  const { type, value } = session.context;
  if (type === 'Nip') return facts.sellerNip === value || (facts.isSelfInvoicing && facts.buyer.value === value);
  if (type === 'InternalId' || type === 'NipVatUe') return value.startsWith(`${facts.sellerNip}-`);
  return true;
}

/**
 * Verifies one decrypted invoice and gives it its final status (SPEC-NOTES §8.5/§8.6): sizes and hashes,
 * file rules, FA(3) schema, limits, attachments, permission scope, semantics, duplicates; on success a KSeF
 * number, the stored invoice and its UPO.
 */
export function processInvoiceContent(
  ctx: SimulatorContext,
  session: SessionRecord,
  invoice: SessionInvoiceRecord,
  plain: Buffer,
  declared: { hash: string; size: number } | null,
): void {
  const actualHash = createHash('sha256').update(plain).digest('base64');
  if (declared && declared.size !== plain.length) {
    return fail(invoice, INVOICE_STATUS.fileVerification, [
      `Rozmiar faktury (${plain.length} B) różni się od zadeklarowanego (${declared.size} B).`,
    ]);
  }
  if (declared && declared.hash !== actualHash) {
    return fail(invoice, INVOICE_STATUS.fileVerification, [
      'Skrót faktury różni się od zadeklarowanego (invoiceHash).',
    ]);
  }
  invoice.invoiceHash = actualHash;
  invoice.invoiceSize = plain.length;
  const hashKey = `${session.contextKey}|${actualHash}`;
  const sameHash = invoiceHashIndexTable(ctx.store).get(hashKey) ?? [];
  invoiceHashIndexTable(ctx.store).set(hashKey, [...sameHash, invoice.referenceNumber]);

  const ruleErrors = checkXmlFileRules(plain);
  if (ruleErrors.length > 0) return fail(invoice, INVOICE_STATUS.fileVerification, ruleErrors);

  let facts: InvoiceFacts;
  try {
    const doc = ctx.xml.parse(plain);
    try {
      const schemaErrors = ctx.xml.validate('FA3', doc);
      if (schemaErrors.length > 0) return fail(invoice, INVOICE_STATUS.fileVerification, schemaErrors);
      facts = readInvoiceFacts(doc);
    } finally {
      doc.dispose();
    }
  } catch (error) {
    return fail(invoice, INVOICE_STATUS.fileVerification, [
      `Dokument nie jest poprawnym XML: ${error instanceof Error ? error.message.trim() : ''}`,
    ]);
  }
  invoice.invoiceNumber = facts.invoiceNumber;

  const limits = sessionLimitsFor(ctx.store, session.contextKey, session.type);
  const maxBytes = (facts.hasAttachment ? limits.maxInvoiceWithAttachmentSizeInMB : limits.maxInvoiceSizeInMB) * MB;
  if (plain.length > maxBytes) {
    return fail(invoice, INVOICE_STATUS.fileVerification, [
      `Przekroczony dopuszczalny rozmiar faktury (${maxBytes} B).`,
    ]);
  }
  if (facts.hasAttachment) {
    const technicalCorrection = session.type === 'Online' && invoice.hashOfCorrectedInvoice !== null;
    if (session.type === 'Online' && !technicalCorrection) {
      return fail(invoice, INVOICE_STATUS.attachmentsNotAllowed, [
        'Faktury z załącznikami można wysyłać tylko w sesji wsadowej.',
      ]);
    }
    if (!technicalCorrection && !attachmentConsentTable(ctx.store).get(facts.sellerNip)?.allowed) {
      return fail(invoice, INVOICE_STATUS.attachmentsNotAllowed, [
        'Podatnik nie zgłosił możliwości wysyłania faktur z załącznikami.',
      ]);
    }
  }
  if (!sellerAllowed(session, facts)) {
    return fail(invoice, INVOICE_STATUS.wrongPermissions, [
      `Brak uprawnień do wystawiania faktur w imieniu podmiotu ${facts.sellerNip}.`,
    ]);
  }
  if (facts.issueDate > warsawDay(invoice.invoicingDate)) {
    return fail(invoice, INVOICE_STATUS.semantic, [
      'Data wystawienia faktury (P_1) jest późniejsza niż data jej przyjęcia przez KSeF.',
    ]);
  }
  if (ctx.options.enforceNipChecksum) {
    const bad = [facts.sellerNip, facts.buyer.type === 'Nip' ? facts.buyer.value : null].filter(
      (nip): nip is string => nip !== null && !isValidNipChecksum(nip),
    );
    if (bad.length > 0)
      return fail(
        invoice,
        INVOICE_STATUS.semantic,
        bad.map((nip) => `Nieprawidłowa suma kontrolna NIP ${nip}.`),
      );
  }

  const key = duplicateKey(facts);
  const original = duplicateIndexTable(ctx.store).get(key);
  if (original) {
    const originalInvoice = storedInvoicesTable(ctx.store).get(original);
    invoice.status = {
      ...INVOICE_STATUS.duplicate,
      details: [`Duplikat faktury. Faktura o numerze KSeF: ${original} została już prawidłowo przesłana do systemu.`],
      extensions: {
        originalSessionReferenceNumber: originalInvoice?.sessionReferenceNumber ?? null,
        originalKsefNumber: original,
      },
    };
    return;
  }

  const now = ctx.clock.now();
  const ksefNumber = newKsefNumber(facts.sellerNip, invoice.invoicingDate);
  const invoicingMode =
    invoice.offlineMode || facts.issueDate < warsawDay(invoice.invoicingDate)
      ? ('Offline' as const)
      : ('Online' as const);
  invoice.ksefNumber = ksefNumber;
  invoice.acquisitionDate = now;
  invoice.permanentStorageDate = now + Math.max(1, ctx.options.permanentStorageLagMs);
  invoice.invoicingMode = invoicingMode;
  invoice.status = INVOICE_STATUS.success;

  storedInvoicesTable(ctx.store).set(ksefNumber, {
    ...facts,
    ksefNumber,
    xml: plain,
    invoiceHash: actualHash,
    formCode: session.formCode,
    sessionReferenceNumber: session.referenceNumber,
    invoiceReferenceNumber: invoice.referenceNumber,
    issuerContextKey: session.contextKey,
    invoicingDate: invoice.invoicingDate,
    acquisitionDate: now,
    permanentStorageDate: invoice.permanentStorageDate,
    invoicingMode,
    hashOfCorrectedInvoice: invoice.hashOfCorrectedInvoice,
  });
  duplicateIndexTable(ctx.store).set(key, ksefNumber);
  if (invoice.hashOfCorrectedInvoice) correctionsTable(ctx.store).set(invoice.hashOfCorrectedInvoice, ksefNumber);
}
